using System.Text;
using DxTracker.Web.Features.Import;
using Microsoft.Extensions.Configuration;

namespace DxTracker.Tests.Import;

/// <summary>The plan file's size limit is a setting (issue 16) whose default admits a 5,000-item plan.</summary>
public sealed class ImportLimitsTests
{
    [Fact]
    public void The_default_admits_a_file_over_the_former_10_MB_limit()
    {
        // Tokushima's results padded with blanks to 12.6 MB, the size of the 4,667-item plan the former limit refused.
        var content = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(ImportTestData.Tokushima) + new string(' ', (int)(12.6 * 1024 * 1024)));

        var (file, problems) = PlanFileReader.Read(content);

        Assert.Empty(problems);
        Assert.NotNull(file);
        Assert.Equal(64 * 1024 * 1024, ImportLimits.From(Configuration(null)).MaxFileBytes);
    }

    [Fact]
    public void A_configured_limit_refuses_a_larger_file_in_Japanese()
    {
        var limits = ImportLimits.From(Configuration("1"));

        var (file, problems) = PlanFileReader.Read(new byte[(int)(1.5 * 1024 * 1024)], limits);

        Assert.Null(file);
        Assert.Equal("ファイルが大きすぎます（1.5 MB）。1 MB 以下のファイルにしてください。", Assert.Single(problems).Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("513")]
    [InlineData("１０")]
    [InlineData("10MB")]
    [InlineData("-5")]
    public void A_limit_that_is_not_a_whole_number_of_megabytes_from_1_to_512_stops_the_start_with_a_message_naming_the_setting(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ImportLimits.From(Configuration(value)));

        Assert.Equal($"設定 Import:MaxFileMegabytes は 1 から 512 までの整数（MB）で指定してください（指定された値: {value}）。", error.Message);
    }

    private static IConfiguration Configuration(string? megabytes) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ImportLimits.MegabytesKey] = megabytes }).Build();
}
