using System.Xml.Linq;

namespace DxTracker.Web.Reporting.Charts;

/// <summary>
/// Colours and fill patterns of the rating charts. Colours come from the デジタル庁 design system palette, dark
/// enough for 3:1 against white (WCAG 1.4.11) and for white labels on them; each series also has its own
/// pattern and every bar is labelled, so colour is never the only cue.
/// </summary>
public static class ChartPalette
{
    /// <summary>Grades from best to worst: blue-900, cyan-800, green-800, orange-800, red-1000, magenta-900, purple-800.</summary>
    public static readonly IReadOnlyList<string> GradeColors = ["#0017c1", "#008299", "#197a4b", "#c74700", "#a90000", "#8b008b", "#5c10be"];

    /// <summary>Outcome marks: solid-gray-700, solid-gray-600, solid-gray-800.</summary>
    public static readonly IReadOnlyList<string> MarkColors = ["#4d4d4d", "#666666", "#333333"];

    /// <summary>Text: solid-gray-900.</summary>
    public const string TextColor = "#1a1a1a";

    /// <summary>Axes and grid lines: solid-gray-420.</summary>
    public const string LineColor = "#949494";

    public const string FontFamily = "'Noto Sans JP', sans-serif";

    private const int PatternKinds = 6;

    /// <summary>The colour of the <paramref name="index"/>th series (grades first, then marks).</summary>
    public static string ColorOf(int index, int gradeCount)
    {
        return index < gradeCount
            ? GradeColors[index % GradeColors.Count]
            : MarkColors[(index - gradeCount) % MarkColors.Count];
    }

    /// <summary>
    /// A <c>&lt;pattern&gt;</c> for the <paramref name="index"/>th series: the colour with a white texture of its own
    /// (none, stripes, dots, cross-hatch, horizontal, vertical lines, repeating after six).
    /// </summary>
    public static XElement Pattern(XNamespace svg, string id, int index, string color)
    {
        ArgumentNullException.ThrowIfNull(svg);
        var pattern = new XElement(
            svg + "pattern",
            new XAttribute("id", id),
            new XAttribute("width", 8),
            new XAttribute("height", 8),
            new XAttribute("patternUnits", "userSpaceOnUse"),
            new XElement(svg + "rect", new XAttribute("width", 8), new XAttribute("height", 8), new XAttribute("fill", color)));
        switch (index % PatternKinds)
        {
            case 1:
                pattern.Add(Line(svg, 0, 8, 8, 0), Line(svg, -2, 2, 2, -2), Line(svg, 6, 10, 10, 6));
                break;
            case 2:
                pattern.Add(new XElement(svg + "circle", new XAttribute("cx", 4), new XAttribute("cy", 4), new XAttribute("r", 1.6), new XAttribute("fill", "#ffffff")));
                break;
            case 3:
                pattern.Add(Line(svg, 0, 0, 8, 8), Line(svg, 0, 8, 8, 0));
                break;
            case 4:
                pattern.Add(Line(svg, 0, 4, 8, 4));
                break;
            case 5:
                pattern.Add(Line(svg, 4, 0, 4, 8));
                break;
            default:
                break;
        }

        return pattern;
    }

    private static XElement Line(XNamespace svg, double x1, double y1, double x2, double y2) =>
        new(
            svg + "line",
            new XAttribute("x1", x1),
            new XAttribute("y1", y1),
            new XAttribute("x2", x2),
            new XAttribute("y2", y2),
            new XAttribute("stroke", "#ffffff"),
            new XAttribute("stroke-width", 1.5),
            new XAttribute("stroke-opacity", 0.75));
}
