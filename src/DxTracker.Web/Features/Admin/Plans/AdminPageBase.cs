using DxTracker.Web.Components;
using DxTracker.Web.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>
/// What every plan administration page does with a posted form: run the action, then redirect (post/redirect/get);
/// or answer 400 with the Japanese message at the top of the page and, when the rule names a field, next to it.
/// </summary>
public abstract class AdminPageBase : ComponentBase
{
    [CascadingParameter] protected HttpContext HttpContext { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>The message of the refused action, shown in the error banner.</summary>
    protected string? ErrorMessage { get; set; }

    /// <summary>Which form the error belongs to, so that its banner is shown beside that form.</summary>
    protected string? ErrorForm { get; set; }

    protected async Task RunAsync(Func<Task<string>> action, EditContext? form = null, string? formName = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            var redirect = await action();
            Navigation.NavigateTo(redirect, forceLoad: true);
        }
        catch (FieldRuleException e)
        {
            Refuse(e.Message, formName);
            if (form is not null && e.Field.Length > 0)
            {
                var messages = new ValidationMessageStore(form);
                messages.Add(form.Field(e.Field), e.Message);
                form.NotifyValidationStateChanged();
            }
        }
        catch (DomainRuleException e)
        {
            Refuse(e.Message, formName);
        }
    }

    protected Task RunAsync(Func<Task> action, string redirect, EditContext? form = null, string? formName = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        return RunAsync(async () =>
        {
            await action();
            return redirect;
        }, form, formName);
    }

    /// <summary>Errors of plain forms (no EditContext), by 「form.field」.</summary>
    protected Dictionary<string, string> FieldErrors { get; } = new(StringComparer.Ordinal);

    /// <summary>The posted value of a plain form's field when that form was posted, else <paramref name="current"/>.</summary>
    protected string? Posted(string formName, string key, string? current)
    {
        if (HttpMethods.IsPost(HttpContext.Request.Method) && HttpContext.Request.HasFormContentType && HttpContext.Request.Form["_handler"] == formName)
        {
            return HttpContext.Request.Form[key].FirstOrDefault();
        }
        return current;
    }

    protected string? FormValue(string key) => HttpContext.Request.HasFormContentType ? HttpContext.Request.Form[key].FirstOrDefault() : null;

    protected string? FieldError(string formName, string field) => FieldErrors.GetValueOrDefault($"{formName}.{field}");

    /// <summary>Runs the action of a plain form: a rule naming a field puts its message under 「form.field」.</summary>
    protected async Task RunPlainAsync(string formName, Func<Task<string>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            var redirect = await action();
            Navigation.NavigateTo(redirect, forceLoad: true);
        }
        catch (FieldRuleException e)
        {
            Refuse(e.Message, formName);
            if (e.Field.Length > 0)
            {
                FieldErrors[$"{formName}.{e.Field}"] = e.Message;
            }
        }
        catch (DomainRuleException e)
        {
            Refuse(e.Message, formName);
        }
    }

    protected static FiscalYear ParseYear(string? text, string field) => FiscalYear.TryParse(text, out var year)
        ? year
        : throw new FieldRuleException(field, string.IsNullOrWhiteSpace(text)
            ? "年度を入力してください。"
            : $"年度「{text.Trim()}」を読み取れません。令和6年度、R6、2024 のように入力してください。");

    protected static FiscalYear? ParseOptionalYear(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null : ParseYear(text, field);

    protected static int? ParseNumber(string? text, string field, string label)
    {
        try
        {
            return WholeNumber.Parse(text, label);
        }
        catch (DomainRuleException e)
        {
            throw new FieldRuleException(field, e.Message);
        }
    }

    protected void RejectInvalid() => HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;

    protected void RejectInvalid(string formName)
    {
        ErrorForm = formName;
        RejectInvalid();
    }

    private void Refuse(string message, string? formName)
    {
        ErrorMessage = message;
        ErrorForm = formName;
        HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
