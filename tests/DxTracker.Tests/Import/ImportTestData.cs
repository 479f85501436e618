using System.Text;
using System.Text.Json.Nodes;
using DxTracker.Tests.Infrastructure;
using DxTracker.Web.Data.Seed;
using DxTracker.Web.Features.Import;

namespace DxTracker.Tests.Import;

/// <summary>Files to import and a way to import them as the app does (audited, in one transaction).</summary>
internal static class ImportTestData
{
    public static byte[] Tokushima => DemoData.TokushimaResults();

    public static JsonObject TokushimaNode() => JsonNode.Parse(Tokushima)!.AsObject();

    public static byte[] Fixture(string name) => File.ReadAllBytes(FixturePath(name));

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Import", "Fixtures", name);

    public static JsonObject FixtureNode(string name) => JsonNode.Parse(Fixture(name))!.AsObject();

    public static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    public static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);

    public static async Task<ImportResult> ImportAsync(string connectionString, byte[] content, string userName = "importer")
    {
        await using var db = TestDatabase.CreateAuditedContext(connectionString, userName);
        return await new PlanImporter(db, TimeProvider.System).ImportAsync(content);
    }

    public static async Task<ImportSummary> ImportOkAsync(string connectionString, byte[] content)
    {
        var result = await ImportAsync(connectionString, content);
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        return result.Summary!;
    }
}

/// <summary>A database of its own for one test, dropped afterwards.</summary>
internal sealed class FreshDatabase : IAsyncDisposable
{
    private FreshDatabase(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public static async Task<FreshDatabase> CreateAsync() => new(await TestDatabase.CreateAsync());

    public DxTracker.Web.Data.AppDbContext CreateContext() => TestDatabase.CreateContext(ConnectionString);

    public ValueTask DisposeAsync() => new(TestDatabase.DropAsync(ConnectionString));
}
