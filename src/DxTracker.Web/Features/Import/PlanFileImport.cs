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

    public Task<ImportResult> PreviewAsync(byte[] content, string fileName, IProgress<ImportProgress>? progress = null) =>
        RunAsync("import.plan-file.preview", content, fileName, preview: true, progress);

    public Task<ImportResult> ImportAsync(byte[] content, string fileName, IProgress<ImportProgress>? progress = null) =>
        RunAsync("import.plan-file", content, fileName, preview: false, progress);

    /// <summary>
    /// The work runs on the thread pool, not on the circuit's dispatcher: applying thousands of items is seconds of CPU,
    /// and the page must stay live to show the progress (which <see cref="Progress{T}"/> posts back to the circuit).
    /// </summary>
    private Task<ImportResult> RunAsync(string action, byte[] content, string fileName, bool preview, IProgress<ImportProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(content);
        principal.EnsureAdmin();
        return log.RunAsync(action, new { fileName, bytes = content.Length }, () => scopes.RunAsync(services =>
        {
            var importer = services.GetRequiredService<PlanImporter>();
            return Task.Run(() => preview ? importer.PreviewAsync(content, progress) : importer.ImportAsync(content, progress));
        }));
    }
}
