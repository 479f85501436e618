namespace DxTracker.Web.Features.Import;

/// <summary>An uploaded file, read whole (within its page's size limit).</summary>
public sealed record ChosenFile(string Name, byte[] Content);
