using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DxTracker.Web.Reporting.Xlsx;

/// <summary>
/// An .xlsx workbook built in memory and written in one go by <see cref="Save"/> or <see cref="ToArray"/>.
/// Cells hold text or numbers only: there is no way to write a formula, so no user text can become one.
/// Memory grows with the cells written; saving sorts rows and cells, it does not search them.
/// </summary>
/// <example>
/// <code>
/// var book = new XlsxWorkbook { Title = "取組実績（令和2年度）" };
/// var sheet = book.AddSheet("取組実績一覧");
/// sheet.SetColumnWidths(6, 30, 50, 50, 10, 40, 20);
/// sheet.Row(1).Text(1, "「徳島市情報化基本計画」の取組実績（令和2年度）", CellStyle.Title);
/// sheet.Merge(1, 1, 1, 7);
/// sheet.Row(3).Texts(1, CellStyle.Header, "No", "取組項目", "取組内容／目標", "取組実績", "自己評価", "改善・拡充策、課題等", "担当部署");
/// sheet.Row(4).Number(1, 1, CellStyle.Centered).Text(2, "…").Text(5, "A", CellStyle.Centered);
/// sheet.FreezeRows(3).RepeatRowsOnEachPage(3, 3).PageSetup(PageOrientation.Landscape, fitToWidth: true);
/// sheet.PageFooter = "- &amp;P -";
/// return TypedResults.File(book.ToArray(), XlsxWorkbook.ContentType, "取組実績.xlsx");
/// </code>
/// </example>
public sealed class XlsxWorkbook
{
    /// <summary>The media type of an .xlsx file, for HTTP downloads.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const string PrintTitlesName = "_xlnm.Print_Titles";

    private readonly List<XlsxSheet> sheets = [];
    private readonly HashSet<string> sheetNames = new(StringComparer.OrdinalIgnoreCase) { "History" }; // reserved by Excel

    /// <summary>The document title in the file's properties (shown by Excel and read by screen readers), or null.</summary>
    public string? Title { get; set; }

    public IReadOnlyList<XlsxSheet> Sheets => sheets;

    /// <summary>
    /// Adds a sheet. The name is made acceptable to Excel: characters it refuses (<c>[ ] : * ? / \</c>) become
    /// full-width (「取組内容／目標」), control characters and apostrophes at the ends are dropped, it is cut to
    /// 31 characters, a blank name becomes 「Sheet{n}」 and a name already used gets 「 (2)」, 「 (3)」…
    /// The name actually used is <see cref="XlsxSheet.Name"/>.
    /// </summary>
    public XlsxSheet AddSheet(string? name)
    {
        var wanted = XlsxText.ForSheetName(name, "Sheet" + (sheets.Count + 1).ToString(CultureInfo.InvariantCulture));
        var unique = wanted;
        for (var n = 2; !sheetNames.Add(unique); n++)
        {
            var suffix = " (" + n.ToString(CultureInfo.InvariantCulture) + ")";
            unique = XlsxText.Truncate(wanted, XlsxText.MaxSheetNameLength - suffix.Length).TrimEnd() + suffix;
        }

        var sheet = new XlsxSheet(unique);
        sheets.Add(sheet);
        return sheet;
    }

    /// <summary>
    /// Writes the workbook to <paramref name="stream"/>. A stream that is not an empty, seekable, readable one
    /// (an HTTP response body) is written through a buffer; in ASP.NET Core prefer <see cref="ToArray"/>,
    /// since the response body does not allow synchronous writes.
    /// </summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream is { CanSeek: true, CanRead: true, CanWrite: true, Length: 0 })
        {
            Write(stream);
            return;
        }

        using var buffer = new MemoryStream();
        Write(buffer);
        buffer.Position = 0;
        buffer.CopyTo(stream);
    }

    /// <summary>The workbook as the bytes of an .xlsx file.</summary>
    public byte[] ToArray()
    {
        using var buffer = new MemoryStream();
        Write(buffer);
        return buffer.ToArray();
    }

    private void Write(Stream stream)
    {
        if (sheets.Count == 0)
        {
            throw new InvalidOperationException("ブックにシートがありません。AddSheet でシートを追加してください。");
        }

        // The package is written part after part straight into the zip (System.IO.Packaging, which the SDK's
        // SpreadsheetDocument uses, keeps every part uncompressed in memory until it closes: two thirds of what a
        // 5,000-item report allocated). The parts are the ones the SDK wrote, with the SDK's own writer and elements.
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        var sharedStrings = new SharedStrings();
        var workbookSheets = new DocumentFormat.OpenXml.Spreadsheet.Sheets();
        var definedNames = new DefinedNames();
        var relationships = new List<(string Type, string Target)>();
        for (var i = 0; i < sheets.Count; i++)
        {
            var sheet = sheets[i];
            var target = "worksheets/sheet" + (i + 1).ToString(CultureInfo.InvariantCulture) + ".xml";
            using (var part = Entry(zip, "xl/" + target))
            {
                sheet.Write(part, sharedStrings, selected: i == 0);
            }

            relationships.Add((WorksheetRelationship, target));
            workbookSheets.Append(new Sheet { Name = sheet.Name, SheetId = (uint)(i + 1), Id = RelationshipId(relationships.Count) });
            if (sheet.PrintTitlesReference() is { } reference)
            {
                definedNames.Append(new DefinedName(reference) { Name = PrintTitlesName, LocalSheetId = (uint)i });
            }
        }

        if (sharedStrings.Count > 0)
        {
            using var part = Entry(zip, "xl/sharedStrings.xml");
            sharedStrings.Write(part);
            relationships.Add((SharedStringsRelationship, "sharedStrings.xml"));
        }

        WriteElement(zip, "xl/styles.xml", XlsxStyles.Build());
        relationships.Add((StylesRelationship, "styles.xml"));
        var workbook = new Workbook(new BookViews(new WorkbookView { ActiveTab = 0 }), workbookSheets);
        if (definedNames.HasChildren)
        {
            workbook.Append(definedNames);
        }

        WriteElement(zip, "xl/workbook.xml", workbook);
        WriteXml(zip, "xl/_rels/workbook.xml.rels", xml => WriteRelationships(xml, relationships));
        WriteXml(zip, "_rels/.rels", xml => WriteRelationships(xml, [(OfficeDocumentRelationship, "xl/workbook.xml"), (CorePropertiesRelationship, "docProps/core.xml")]));
        WriteXml(zip, "docProps/core.xml", WriteCoreProperties);
        WriteXml(zip, "[Content_Types].xml", xml => WriteContentTypes(xml, sharedStrings.Count > 0));
    }

    private const string PackageRelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string DocumentRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    private const string OfficeDocumentRelationship = DocumentRelationships + "officeDocument";
    private const string CorePropertiesRelationship = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
    private const string WorksheetRelationship = DocumentRelationships + "worksheet";
    private const string SharedStringsRelationship = DocumentRelationships + "sharedStrings";
    private const string StylesRelationship = DocumentRelationships + "styles";
    private const string SpreadsheetMl = "application/vnd.openxmlformats-officedocument.spreadsheetml.";

    private static string RelationshipId(int number) => "rId" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A part's stream in the zip. Deflate at its fastest level: at 5,000 items the workbook saves in two thirds of the
    /// time and is 3.4 instead of 1.8 MB; the reports are downloaded and published, not archived by the million.
    /// </summary>
    private static Stream Entry(ZipArchive zip, string name) => zip.CreateEntry(name, CompressionLevel.Fastest).Open();

    private static void WriteElement(ZipArchive zip, string name, OpenXmlElement element)
    {
        using var part = Entry(zip, name);
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartDocument();
        writer.WriteElement(element);
    }

    private static void WriteXml(ZipArchive zip, string name, Action<XmlWriter> write)
    {
        using var part = Entry(zip, name);
        using var xml = XmlWriter.Create(part, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        xml.WriteStartDocument(standalone: true);
        write(xml);
        xml.WriteEndDocument();
    }

    private static void WriteRelationships(XmlWriter xml, List<(string Type, string Target)> relationships)
    {
        xml.WriteStartElement("Relationships", PackageRelationshipsNamespace);
        for (var i = 0; i < relationships.Count; i++)
        {
            xml.WriteStartElement("Relationship", PackageRelationshipsNamespace);
            xml.WriteAttributeString("Type", relationships[i].Type);
            xml.WriteAttributeString("Target", relationships[i].Target);
            xml.WriteAttributeString("Id", RelationshipId(i + 1));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private void WriteCoreProperties(XmlWriter xml)
    {
        const string cp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
        const string dc = "http://purl.org/dc/elements/1.1/";
        xml.WriteStartElement("cp", "coreProperties", cp);
        xml.WriteAttributeString("xmlns", "dc", null, dc);
        if (!string.IsNullOrWhiteSpace(Title))
        {
            xml.WriteElementString("dc", "title", dc, XlsxText.RemoveInvalidXmlCharacters(Title));
        }

        xml.WriteElementString("dc", "language", dc, "ja-JP");
        xml.WriteEndElement();
    }

    private void WriteContentTypes(XmlWriter xml, bool hasSharedStrings)
    {
        const string types = "http://schemas.openxmlformats.org/package/2006/content-types";
        xml.WriteStartElement("Types", types);
        void Default(string extension, string contentType)
        {
            xml.WriteStartElement("Default", types);
            xml.WriteAttributeString("Extension", extension);
            xml.WriteAttributeString("ContentType", contentType);
            xml.WriteEndElement();
        }

        void Override(string partName, string contentType)
        {
            xml.WriteStartElement("Override", types);
            xml.WriteAttributeString("PartName", partName);
            xml.WriteAttributeString("ContentType", contentType);
            xml.WriteEndElement();
        }

        Default("rels", "application/vnd.openxmlformats-package.relationships+xml");
        Default("xml", "application/xml");
        Override("/xl/workbook.xml", SpreadsheetMl + "sheet.main+xml");
        for (var i = 1; i <= sheets.Count; i++)
        {
            Override("/xl/worksheets/sheet" + i.ToString(CultureInfo.InvariantCulture) + ".xml", SpreadsheetMl + "worksheet+xml");
        }

        if (hasSharedStrings)
        {
            Override("/xl/sharedStrings.xml", SpreadsheetMl + "sharedStrings+xml");
        }

        Override("/xl/styles.xml", SpreadsheetMl + "styles+xml");
        Override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
        xml.WriteEndElement();
    }
}
