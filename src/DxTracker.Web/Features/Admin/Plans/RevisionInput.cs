using System.ComponentModel.DataAnnotations;
using DxTracker.Web.Components;
using DxTracker.Web.Domain.Plans;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>The form of a plan revision (改定・中間見直しの記録).</summary>
public sealed class RevisionInput
{
    [Required(ErrorMessage = "改定日を入力してください。")]
    public DateOnly? Date { get; set; }

    [Required(ErrorMessage = "改定の内容を入力してください。")]
    [StringLength(PlanRevision.NoteMaxLength, ErrorMessage = "改定の内容は{1}文字以内で入力してください。")]
    [PlainText]
    public string? Note { get; set; }
}
