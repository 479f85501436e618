namespace DxTracker.Web.Reporting.Xlsx;

/// <summary>Orientation of the printed A4 page.</summary>
public enum PageOrientation
{
    Portrait,
    Landscape,
}
