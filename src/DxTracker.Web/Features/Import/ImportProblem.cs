namespace DxTracker.Web.Features.Import;

/// <summary>One problem found in an import file: where (a JSON path such as <c>$.policies[2].items[0].rating</c>) and what, in Japanese.</summary>
public sealed record ImportProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
