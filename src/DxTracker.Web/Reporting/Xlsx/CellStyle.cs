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

    /// <summary>A section heading (「1 自己評価結果」): bold body size, no border, not wrapped.</summary>
    Heading,

    /// <summary>Percentage with one decimal (<c>0.0%</c>) of a fraction (0.519 shows as 51.9%), top aligned, thin borders.</summary>
    PercentOneDecimal,

    /// <summary>
    /// Table body text continued on the next row: like <see cref="Default"/> without the bottom border. A text
    /// too long for one row (Excel's rows are at most 409 pt) is written over several rows, first
    /// <see cref="ContinuedFirst"/>, then <see cref="ContinuedMiddle"/>, ending with <see cref="ContinuedLast"/>,
    /// so that it reads as one cell and page breaks can fall between its rows.
    /// </summary>
    ContinuedFirst,

    /// <summary>Table body text continued from the row above and on the next row: side borders only.</summary>
    ContinuedMiddle,

    /// <summary>Table body text continued from the row above: like <see cref="Default"/> without the top border.</summary>
    ContinuedLast,
}
