using DxTracker.Web.Components;
using DxTracker.Web.Features.Account;
using DxTracker.Web.Features.Plans;
using DxTracker.Web.Features.Reports;

namespace DxTracker.Web.Infrastructure;

internal static class WebPipeline
{
    public static void UseDxPipeline(this WebApplication app)
    {
        app.UseDxReverseProxy();
        app.UseDxRequestLogging();
        app.UseMiddleware<StoppingInstanceGate>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // Japanese for every request and circuit (a circuit keeps the culture of the request that started it).
        app.UseRequestLocalization(JapaneseCulture.LocalizationOptions());
        app.UseDxErrorPages();
        app.UseRateLimiter();
        app.UseMiddleware<Auth.FreshSessionOnSignIn>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<RequiredStepGate>();
        app.UseAntiforgery();
        app.UseMiddleware<AntiforgeryFailureMiddleware>();
    }

    public static void MapDxEndpoints(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapPlanApiEndpoints();
        app.MapReportEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
