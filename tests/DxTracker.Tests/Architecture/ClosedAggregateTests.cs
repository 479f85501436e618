using System.Reflection;
using DxTracker.Web.Domain;

namespace DxTracker.Tests.Architecture;

/// <summary>
/// Issue 11: the aggregates are closed. A domain type shows its collections read-only and changes them only through its
/// own methods (which keep the rules: unique KPI names, the order of departments and categories …), and has no public
/// setter: pages, the importer, administration, succession and demo data all go through entity methods.
/// </summary>
public sealed class ClosedAggregateTests
{
    private static readonly Type[] MutableCollections = [typeof(List<>), typeof(ICollection<>), typeof(IList<>), typeof(HashSet<>), typeof(ISet<>), typeof(Dictionary<,>), typeof(IDictionary<,>)];

    [Fact]
    public void Domain_types_expose_no_mutable_collection_and_no_public_setter()
    {
        var domain = typeof(Department).Assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && (ns == "DxTracker.Web.Domain" || ns.StartsWith("DxTracker.Web.Domain.", StringComparison.Ordinal)))
            .Where(t => t.IsClass && !t.IsNested && t.GetProperty("Id") is not null)
            .ToList();
        Assert.True(domain.Count > 10, $"only {domain.Count} entity types found");

        var open = domain
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => (Type: t, Property: p)))
            .Where(x => IsMutableCollection(x.Property.PropertyType) || x.Property.SetMethod is { IsPublic: true })
            .Select(x => $"{x.Type.Name}.{x.Property.Name} ({x.Property.PropertyType.Name})")
            .ToList();

        Assert.True(open.Count == 0, string.Join("\n", open));
    }

    private static bool IsMutableCollection(Type type) =>
        type.IsArray || (type.IsGenericType && MutableCollections.Contains(type.GetGenericTypeDefinition()));
}
