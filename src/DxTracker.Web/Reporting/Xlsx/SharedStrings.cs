using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DxTracker.Web.Reporting.Xlsx;

/// <summary>The shared string table of one save: each distinct text stored once (department names repeat).</summary>
internal sealed class SharedStrings
{
    private readonly Dictionary<string, int> indexes = new(StringComparer.Ordinal);
    private readonly List<string> texts = [];
    private int references;

    public int Count => texts.Count;

    public int IndexOf(string text)
    {
        references++;
        if (!indexes.TryGetValue(text, out var index))
        {
            index = texts.Count;
            indexes.Add(text, index);
            texts.Add(text);
        }

        return index;
    }

    public void Write(Stream part)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new SharedStringTable { Count = (uint)references, UniqueCount = (uint)texts.Count });
        foreach (var text in texts)
        {
            var element = new Text(XlsxText.EscapeForXlsx(text));
            if (NeedsPreserve(text))
            {
                element.Space = SpaceProcessingModeValues.Preserve;
            }

            writer.WriteElement(new SharedStringItem(element));
        }

        writer.WriteEndElement();
    }

    private static bool NeedsPreserve(string text) =>
        char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || text.Contains('\n', StringComparison.Ordinal);
}
