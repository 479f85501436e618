using System.Reflection;
using DxTracker.Web.Domain;

namespace DxTracker.Tests.Architecture;

/// <summary>
/// The domain (DxTracker.Web.Domain…) knows nothing of EF Core, ASP.NET Core or Npgsql: no type it declares derives
/// from, implements, stores, takes, returns or is annotated with one of theirs. Persistence and the web stay outside.
/// </summary>
public sealed class DomainDependencyTests
{
    private static readonly string[] Forbidden = ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Npgsql", "MudBlazor"];

    [Fact]
    public void Domain_types_reference_neither_EF_Core_nor_ASP_NET_Core()
    {
        var domain = typeof(Department).Assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && (ns == "DxTracker.Web.Domain" || ns.StartsWith("DxTracker.Web.Domain.", StringComparison.Ordinal)))
            .ToList();
        Assert.True(domain.Count > 20, $"only {domain.Count} domain types found");

        var offending = domain
            .SelectMany(t => ReferencedTypes(t).Where(IsForbidden).Select(r => $"{t.FullName} → {r.FullName}"))
            .Distinct()
            .ToList();

        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }

    private static bool IsForbidden(Type type) =>
        Forbidden.Any(prefix => type.Assembly.GetName().Name!.StartsWith(prefix, StringComparison.Ordinal));

    private static IEnumerable<Type> ReferencedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var direct = new List<Type>();
        if (type.BaseType is { } baseType)
        {
            direct.Add(baseType);
        }
        direct.AddRange(type.GetInterfaces());
        direct.AddRange(type.GetCustomAttributes(false).Select(a => a.GetType()));
        direct.AddRange(type.GetFields(all).Select(f => f.FieldType));
        direct.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
        foreach (var member in type.GetMembers(all))
        {
            direct.AddRange(member.GetCustomAttributes(false).Select(a => a.GetType()));
        }
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info)
            {
                direct.Add(info.ReturnType);
            }
            direct.AddRange(method.GetParameters().Select(p => p.ParameterType));
        }
        return direct.SelectMany(Unwrap);
    }

    /// <summary>A type with its generic arguments and element types (List&lt;DbSet&lt;T&gt;&gt; names DbSet too).</summary>
    private static IEnumerable<Type> Unwrap(Type type)
    {
        yield return type;
        if (type.HasElementType && type.GetElementType() is { } element)
        {
            foreach (var inner in Unwrap(element))
            {
                yield return inner;
            }
        }
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments().SelectMany(Unwrap))
            {
                yield return argument;
            }
        }
    }
}
