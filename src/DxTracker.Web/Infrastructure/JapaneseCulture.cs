using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace DxTracker.Web.Infrastructure;

/// <summary>ja-JP for every request whatever the browser asks for: the app speaks one language.</summary>
internal static class JapaneseCulture
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("ja-JP");

    public static RequestLocalizationOptions LocalizationOptions()
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Culture),
            SupportedCultures = [Culture],
            SupportedUICultures = [Culture],
        };
        options.RequestCultureProviders.Clear();
        return options;
    }
}
