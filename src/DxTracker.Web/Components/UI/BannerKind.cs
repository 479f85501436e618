namespace DxTracker.Web.Components.UI;

public enum BannerKind
{
    Info,
    Success,
    Warning,
    Error,
}
