using DxTracker.Web.Domain;
using DxTracker.Web.Features.Evaluations;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>
/// What every interactive plan administration page does with an action: check the form, call the handler, tell the
/// result in a snackbar, or keep the typed values and show the Japanese message at its field and above the form.
/// </summary>
public abstract class InteractiveAdminPage : ComponentBase
{
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    [Inject] protected IDialogService Dialogs { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>The messages of the form that was last saved, by field.</summary>
    protected FieldErrors Errors { get; } = new();

    /// <summary>The refusal of the last action, shown in a MudAlert beside its form; <see cref="AlertFor"/> names the form.</summary>
    protected string? Alert { get; private set; }

    protected string? AlertFor { get; private set; }

    protected bool Busy { get; private set; }

    /// <summary>
    /// Runs an action of the form <paramref name="form"/>; true when it was done. On a page with several forms of one
    /// kind, <paramref name="prefix"/> (e.g. 「policy-12.」) keeps each form's messages at its own fields.
    /// </summary>
    protected async Task<bool> RunAsync(string form, Func<Task> action, string? done = null, object? model = null, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(action);
        Errors.Clear();
        (Alert, AlertFor) = (null, null);
        if (model is not null && !Errors.Validate(model, prefix))
        {
            (Alert, AlertFor) = ("入力内容を確認してください。各項目の下に理由を表示しています。", form);
            return false;
        }
        Busy = true;
        try
        {
            await action();
            if (done is not null)
            {
                Snackbar.Add(done, Severity.Success);
            }
            return true;
        }
        catch (FieldRuleException e)
        {
            if (e.Field.Length > 0)
            {
                Errors.Add(prefix + e.Field, e.Message);
            }
            (Alert, AlertFor) = (e.Message, form);
        }
        catch (DomainRuleException e)
        {
            (Alert, AlertFor) = (e.Message, form);
        }
        finally
        {
            Busy = false;
        }
        return false;
    }

    /// <summary>
    /// Asks in a <see cref="ConfirmDialog"/> before an action that cannot simply be undone; true when the user agreed.
    /// <paramref name="danger"/> colours the confirm button as a deletion's.
    /// </summary>
    protected async Task<bool> ConfirmAsync(string title, string message, string yes, bool danger = false)
    {
        var answer = await ConfirmDialog.AskAsync(Dialogs, new DialogParameters<ConfirmDialog>
        {
            { d => d.Title, title },
            { d => d.Message, message },
            { d => d.ConfirmText, yes },
            { d => d.Danger, danger },
        });
        return answer is not null;
    }
}
