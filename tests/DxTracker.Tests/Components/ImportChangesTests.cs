using Bunit;
using DxTracker.Web.Features.Import;

namespace DxTracker.Tests.Components;

/// <summary>
/// The import's list of item changes (hundreds of rows) renders again only when it is given another summary: the
/// import page re-renders on every progress report, and the list must not be rebuilt each time.
/// </summary>
public sealed class ImportChangesTests : MudComponentTest
{
    private static ImportSummary Summary(int items, string title) =>
        new("テスト市", "DX推進計画", 1, PlanCreated: true, [new ImportCount("取組項目", items, 0)])
        {
            ItemChanges = Enumerable.Range(1, items)
                .Select(n => new ImportItemChange(n.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{title}{n}", ImportChange.Created, ImportChange.Created))
                .ToList(),
        };

    [Fact]
    public void The_same_summary_given_again_is_not_rendered_again_and_another_one_is()
    {
        var first = Summary(300, "取組");
        var cut = Render<ImportChanges>(p => p.Add(x => x.Summary, first));
        Assert.Contains("項目ごとの変更（300件）", cut.Markup, StringComparison.Ordinal);
        var renders = cut.RenderCount;

        cut.Render(p => p.Add(x => x.Summary, first));
        cut.Render(p => p.Add(x => x.Summary, first));
        Assert.Equal(renders, cut.RenderCount);

        cut.Render(p => p.Add(x => x.Summary, Summary(2, "新しい取組")));
        Assert.True(cut.RenderCount > renders);
        Assert.Contains("項目ごとの変更（2件）", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("新しい取組2", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("取組300", cut.Markup, StringComparison.Ordinal);
    }
}
