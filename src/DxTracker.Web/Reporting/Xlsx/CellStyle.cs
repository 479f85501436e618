namespace DxTracker.Web.Reporting.Xlsx;

/// <summary>
/// The fixed set of cell styles of the report workbooks. Every style uses <see cref="XlsxStyles.FontName"/>;
/// number formats apply to numeric cells only.
/// </summary>
public enum CellStyle
{
    /// <summary>Table body text: wrapped, top aligned, thin borders.</summary>
    Default,

    /// <summary>Document title: bold, larger, no border, not wrapped.</summary>
    Title,

    /// <summary>Table header: bold, gray fill, centred, wrapped, thin borders.</summary>
    Header,

    /// <summary>A group row spanning the table (取組方針): bold, light fill, wrapped, thin borders.</summary>
    GroupHeader,

    /// <summary>Whole number with thousands separators (<c>#,##0</c>), top aligned, thin borders.</summary>
    WholeNumber,

    /// <summary>Number with one to three decimals (<c>#,##0.0##</c>), top aligned, thin borders.</summary>
    DecimalNumber,

    /// <summary>Whole percentage (<c>0%</c>) of a fraction (0.11 shows as 11%), top aligned, thin borders.</summary>
    Percent,

    /// <summary>Centred text or number (grades such as 「A」, item numbers), wrapped, thin borders.</summary>
    Centered,

    /// <summary>Paragraph text outside tables (総括): wrapped, top aligned, no border.</summary>
    Plain,

    /// <summary>Small note text (注記): smaller font, wrapped, top aligned, no border.</summary>
    Note,
}
