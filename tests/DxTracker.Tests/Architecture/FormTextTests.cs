using System.Reflection;
using System.Runtime.CompilerServices;
using DxTracker.Web.Components;
using DxTracker.Web.Features.Admin.Plans;

namespace DxTracker.Tests.Architecture;

/// <summary>
/// Issue 12, finding 6: every text a form lets a user type is refused at its field when it holds a NUL, another control
/// character or a broken (lone surrogate) character. The forms' input models (the types named …Input, the pages'
/// private ones included) carry <see cref="PlainTextAttribute"/> on every string property a form binds.
/// </summary>
public sealed class FormTextTests
{
    [Fact]
    public void Every_text_field_of_every_form_model_refuses_control_and_broken_characters()
    {
        var properties = typeof(PlainTextAttribute).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Input", StringComparison.Ordinal) && t.Namespace?.StartsWith("DxTracker.Web.Features", StringComparison.Ordinal) == true)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p.PropertyType == typeof(string) && p.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
            .ToList();
        Assert.True(properties.Count > 60, $"only {properties.Count} form text properties found");

        var unchecked_ = properties.Where(p => p.GetCustomAttribute<PlainTextAttribute>() is null).Select(p => $"{p.DeclaringType!.FullName}.{p.Name}").ToList();
        Assert.True(unchecked_.Count == 0, string.Join("\n", unchecked_));
    }

    // Characters as numbers: xunit would turn a lone surrogate in the test data into U+FFFD before the test sees it.
    [Theory]
    [InlineData(0x0000, false)]
    [InlineData(0x0007, false)]
    [InlineData(0xD800, false)]
    [InlineData(0xDC00, false)]
    [InlineData(0xFFFF, false)]
    [InlineData(0x0009, true)]
    [InlineData(0x000A, true)]
    public void A_plan_form_shows_the_problem_at_the_field(int character, bool valid)
    {
        var title = $"𠮷野家（サロゲートペア）{(char)character}総務課";
        var errors = new FieldErrors();
        var isValid = errors.Validate(new PolicyInput { Number = "1", Title = title }, "policy-");

        Assert.Equal(valid, isValid);
        Assert.Equal(valid ? null : PlainTextAttribute.Message, errors["policy-Title"]);
    }

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
}
