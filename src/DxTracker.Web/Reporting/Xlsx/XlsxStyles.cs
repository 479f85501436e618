using DocumentFormat.OpenXml.Spreadsheet;

namespace DxTracker.Web.Reporting.Xlsx;

/// <summary>
/// The one stylesheet of every workbook: <see cref="CellStyle"/> values map to cell formats, each in two
/// forms, the second with <c>quotePrefix</c> for text that Excel would take for a formula when edited.
/// </summary>
internal static class XlsxStyles
{
    // Excel's default Japanese font since Office 2016; LibreOffice, lacking it, falls back to an installed CJK font.
    public const string FontName = "游ゴシック";

    public const double BodyFontSize = 11;
    public const double TitleFontSize = 14;
    public const double NoteFontSize = 9;

    private const uint RegularFont = 0;
    private const uint BoldFont = 1;
    private const uint TitleFont = 2;
    private const uint NoteFont = 3;

    private const uint NoFill = 0;
    private const uint HeaderFill = 2;
    private const uint GroupFill = 3;

    private const uint NoBorder = 0;
    private const uint ThinBorder = 1;
    private const uint OpenBelowBorder = 2;
    private const uint OpenBothBorder = 3;
    private const uint OpenAboveBorder = 4;

    private const uint GeneralFormat = 0;
    private const uint IntegerFormat = 3; // built in: #,##0
    private const uint PercentFormat = 9; // built in: 0%
    private const uint DecimalFormat = 164; // first custom id
    private const string DecimalFormatCode = "#,##0.0##";
    private const uint PercentOneDecimalFormat = 165;
    private const string PercentOneDecimalFormatCode = "0.0%";

    private static readonly CellStyle[] AllStyles = Enum.GetValues<CellStyle>();

    /// <summary>The <c>s</c> attribute of a cell. Index 0 stays the plain format Excel uses for unstyled cells.</summary>
    public static uint IndexOf(CellStyle style, bool quotePrefix) =>
        1 + (2 * (uint)style) + (quotePrefix ? 1u : 0u);

    public static void EnsureDefined(CellStyle style)
    {
        if (!Enum.IsDefined(style))
        {
            throw new ArgumentOutOfRangeException(nameof(style), style, "未定義のセル書式です。");
        }
    }

    public static double FontSizeOf(CellStyle style) => style switch
    {
        CellStyle.Title => TitleFontSize,
        CellStyle.Note => NoteFontSize,
        _ => BodyFontSize,
    };

    /// <summary>Whether the style wraps text (all but <see cref="CellStyle.Title"/> and <see cref="CellStyle.Heading"/>).</summary>
    public static bool Wraps(CellStyle style) => style is not (CellStyle.Title or CellStyle.Heading);

    public static Stylesheet Build()
    {
        var cellFormats = new CellFormats(new CellFormat { NumberFormatId = GeneralFormat, FontId = RegularFont, FillId = NoFill, BorderId = NoBorder, FormatId = 0 });
        foreach (var style in AllStyles)
        {
            cellFormats.Append(Format(style, quotePrefix: false), Format(style, quotePrefix: true));
        }

        cellFormats.Count = (uint)cellFormats.ChildElements.Count;

        return new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = DecimalFormat, FormatCode = DecimalFormatCode },
                new NumberingFormat { NumberFormatId = PercentOneDecimalFormat, FormatCode = PercentOneDecimalFormatCode })
            { Count = 2 },
            new Fonts(
                Font(BodyFontSize, bold: false),
                Font(BodyFontSize, bold: true),
                Font(TitleFontSize, bold: true),
                Font(NoteFontSize, bold: false))
            { Count = 4 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                SolidFill("FFD9D9D9"),
                SolidFill("FFF2F2F2"))
            { Count = 4 },
            new Borders(
                new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
                new Border(Thin(new LeftBorder()), Thin(new RightBorder()), Thin(new TopBorder()), Thin(new BottomBorder()), new DiagonalBorder()),
                new Border(Thin(new LeftBorder()), Thin(new RightBorder()), Thin(new TopBorder()), new BottomBorder(), new DiagonalBorder()),
                new Border(Thin(new LeftBorder()), Thin(new RightBorder()), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
                new Border(Thin(new LeftBorder()), Thin(new RightBorder()), new TopBorder(), Thin(new BottomBorder()), new DiagonalBorder()))
            { Count = 5 },
            new CellStyleFormats(new CellFormat { NumberFormatId = GeneralFormat, FontId = RegularFont, FillId = NoFill, BorderId = NoBorder }) { Count = 1 },
            cellFormats,
            new CellStyles(new DocumentFormat.OpenXml.Spreadsheet.CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 },
            new DifferentialFormats { Count = 0 },
            new TableStyles { Count = 0 });
    }

    private static CellFormat Format(CellStyle style, bool quotePrefix)
    {
        var (font, fill, border, numberFormat, alignment) = style switch
        {
            CellStyle.Default => (RegularFont, NoFill, ThinBorder, GeneralFormat, Align(HorizontalAlignmentValues.General, VerticalAlignmentValues.Top, wrap: true)),
            CellStyle.Title => (TitleFont, NoFill, NoBorder, GeneralFormat, Align(HorizontalAlignmentValues.Left, VerticalAlignmentValues.Center, wrap: false)),
            CellStyle.Header => (BoldFont, HeaderFill, ThinBorder, GeneralFormat, Align(HorizontalAlignmentValues.Center, VerticalAlignmentValues.Center, wrap: true)),
            CellStyle.GroupHeader => (BoldFont, GroupFill, ThinBorder, GeneralFormat, Align(HorizontalAlignmentValues.Left, VerticalAlignmentValues.Center, wrap: true)),
            CellStyle.WholeNumber => (RegularFont, NoFill, ThinBorder, IntegerFormat, Align(HorizontalAlignmentValues.General, VerticalAlignmentValues.Top, wrap: true)),
            CellStyle.DecimalNumber => (RegularFont, NoFill, ThinBorder, DecimalFormat, Align(HorizontalAlignmentValues.General, VerticalAlignmentValues.Top, wrap: true)),
            CellStyle.Percent => (RegularFont, NoFill, ThinBorder, PercentFormat, Align(HorizontalAlignmentValues.General, VerticalAlignmentValues.Top, wrap: true)),
            CellStyle.Centered => (RegularFont, NoFill, ThinBorder, GeneralFormat, Align(HorizontalAlignmentValues.Center, VerticalAlignmentValues.Top, wrap: true)),
            CellStyle.Plain => (RegularFont, NoFill, NoBorder, GeneralFormat, Align(HorizontalAlignmentValues.General, VerticalAlignmentValues.Top, wrap: true)),
            CellStyle.Note => (NoteFont, NoFill, NoBorder, GeneralFormat, Align(HorizontalAlignmentValues.General, VerticalAlignmentValues.Top, wrap: true)),
            CellStyle.Heading => (BoldFont, NoFill, NoBorder, GeneralFormat, Align(HorizontalAlignmentValues.Left, VerticalAlignmentValues.Center, wrap: false)),
            CellStyle.PercentOneDecimal => (RegularFont, NoFill, ThinBorder, PercentOneDecimalFormat, Align(HorizontalAlignmentValues.General, VerticalAlignmentValues.Top, wrap: true)),
            CellStyle.ContinuedFirst => (RegularFont, NoFill, OpenBelowBorder, GeneralFormat, Align(HorizontalAlignmentValues.General, VerticalAlignmentValues.Top, wrap: true)),
            CellStyle.ContinuedMiddle => (RegularFont, NoFill, OpenBothBorder, GeneralFormat, Align(HorizontalAlignmentValues.General, VerticalAlignmentValues.Top, wrap: true)),
            CellStyle.ContinuedLast => (RegularFont, NoFill, OpenAboveBorder, GeneralFormat, Align(HorizontalAlignmentValues.General, VerticalAlignmentValues.Top, wrap: true)),
            _ => throw new ArgumentOutOfRangeException(nameof(style), style, null),
        };

        var format = new CellFormat(alignment)
        {
            NumberFormatId = numberFormat,
            FontId = font,
            FillId = fill,
            BorderId = border,
            FormatId = 0,
            ApplyNumberFormat = numberFormat != GeneralFormat,
            ApplyFont = font != RegularFont,
            ApplyFill = fill != NoFill,
            ApplyBorder = border != NoBorder,
            ApplyAlignment = true,
        };
        if (quotePrefix)
        {
            format.QuotePrefix = true;
        }

        return format;
    }

    private static Font Font(double size, bool bold)
    {
        var font = new Font();
        if (bold)
        {
            font.Append(new Bold());
        }

        // family 2 (Swiss) and charset 128 (SHIFTJIS) are what Excel writes for 游ゴシック; the charset tells a
        // reader lacking the font to substitute a Japanese one.
        font.Append(
            new FontSize { Val = size },
            new FontName { Val = FontName },
            new FontFamilyNumbering { Val = 2 },
            new FontCharSet { Val = 128 });
        return font;
    }

    private static Fill SolidFill(string argb) =>
        new(new PatternFill(new ForegroundColor { Rgb = argb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid });

    private static T Thin<T>(T border)
        where T : BorderPropertiesType
    {
        border.Style = BorderStyleValues.Thin;
        border.Append(new Color { Indexed = 64 });
        return border;
    }

    private static Alignment Align(HorizontalAlignmentValues horizontal, VerticalAlignmentValues vertical, bool wrap)
    {
        var alignment = new Alignment { Vertical = vertical };
        if (horizontal != HorizontalAlignmentValues.General)
        {
            alignment.Horizontal = horizontal;
        }

        if (wrap)
        {
            alignment.WrapText = true;
        }

        return alignment;
    }
}
