using System.Collections;
using System.Resources;
using Bunit;
using DxTracker.Web.Components.Mud;
using MudBlazor;

namespace DxTracker.Tests.Components;

public sealed class JapaneseMudLocalizerTests : MudComponentTest
{
    /// <summary>MudBlazor's own list of texts, read from its assembly: an upgrade that adds one fails here.</summary>
    private static List<string> MudBlazorKeys()
    {
        var assembly = typeof(MudButton).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("LanguageResource.resources", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new ResourceReader(stream);
        return reader.Cast<DictionaryEntry>().Select(e => (string)e.Key).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void Every_text_MudBlazor_has_is_translated()
    {
        var keys = MudBlazorKeys();
        Assert.True(keys.Count > 100, $"MudBlazor's resource list looks wrong: {keys.Count} keys");
        var localizer = new JapaneseMudLocalizer();
        var missing = keys.Where(k => localizer[k].ResourceNotFound).ToList();
        Assert.True(missing.Count == 0, "Untranslated MudBlazor texts: " + string.Join(", ", missing));
    }

    [Fact]
    public void No_translation_is_left_for_a_text_MudBlazor_no_longer_has()
    {
        var stale = JapaneseMudLocalizer.Texts.Keys.Except(MudBlazorKeys()).ToList();
        Assert.True(stale.Count == 0, "Translations for keys MudBlazor no longer has: " + string.Join(", ", stale));
    }

    [Fact]
    public void Translations_are_Japanese_and_keep_their_placeholders()
    {
        var assembly = typeof(MudButton).Assembly;
        var english = new ResourceManager("MudBlazor.Resources.LanguageResource", assembly);
        foreach (var (key, text) in JapaneseMudLocalizer.Texts)
        {
            var original = english.GetString(key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            for (var i = 0; i < 4; i++)
            {
                var placeholder = "{" + i + "}";
                Assert.True(original.Contains(placeholder, StringComparison.Ordinal) == text.Contains(placeholder, StringComparison.Ordinal), $"{key}: placeholder {placeholder} differs");
            }
            var symbolsOnly = original.All(c => !char.IsLetter(c));
            Assert.True(symbolsOnly || text.Any(c => c > 0x3000), $"{key} is not Japanese: {text}");
        }
    }

    [Fact]
    public void A_data_grid_pager_speaks_Japanese()
    {
        var grid = Render<MudDataGrid<string>>(p => p
            .Add(g => g.Items, ["a", "b", "c"])
            .Add(g => g.PagerContent, builder =>
            {
                builder.OpenComponent<MudDataGridPager<string>>(0);
                builder.CloseComponent();
            }));
        Assert.Contains("1ページの表示件数", grid.Markup, StringComparison.Ordinal);
        Assert.Contains("3 件中 1～3 件", grid.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Rows per page", grid.Markup, StringComparison.Ordinal);
    }
}

public sealed class MudStylesheetTests
{
    [Fact]
    public void The_layered_import_names_the_MudBlazor_version_that_is_referenced()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "DxTracker.sln")))
        {
            root = root.Parent!;
        }
        var css = File.ReadAllText(Path.Combine(root.FullName, "src", "DxTracker.Web", "wwwroot", "styles", "mud.css"));
        var version = typeof(MudButton).Assembly.GetName().Version!.ToString(3);
        Assert.Contains($"MudBlazor.min.css?v={version}\") layer(mud)", css, StringComparison.Ordinal);
    }
}
