using DxTracker.Web.Infrastructure;
using DxTracker.Web.Infrastructure.Auth;

namespace DxTracker.Web.Features.Import;

/// <summary>
/// 計画の取り込み from the page: administrators only; a preview (the whole import, rolled back) or the import itself,
/// each through <see cref="PlanImporter"/> in a scope of its own (one DbContext per operation) that acts as the
/// signed-in user, so the audit trail names them. The command line uses <see cref="PlanImporter"/> directly.
/// </summary>
public sealed class PlanFileImport(OperationScopes scopes, CircuitPrincipal principal, ActionLog log, ImportLimits limits)
{
    public int MaxFileBytes => limits.MaxFileBytes;

    public Task<ImportResult> PreviewAsync(byte[] content, string fileName) => RunAsync("import.plan-file.preview", content, fileName, preview: true);

    public Task<ImportResult> ImportAsync(byte[] content, string fileName) => RunAsync("import.plan-file", content, fileName, preview: false);

    private Task<ImportResult> RunAsync(string action, byte[] content, string fileName, bool preview)
    {
        ArgumentNullException.ThrowIfNull(content);
        principal.EnsureAdmin();
        return log.RunAsync(action, new { fileName, bytes = content.Length }, () => scopes.RunAsync(services =>
        {
            var importer = services.GetRequiredService<PlanImporter>();
            return preview ? importer.PreviewAsync(content) : importer.ImportAsync(content);
        }));
    }
}
