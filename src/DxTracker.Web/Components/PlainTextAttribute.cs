using System.ComponentModel.DataAnnotations;
using DxTracker.Web.Domain;

namespace DxTracker.Web.Components;

/// <summary>
/// A form field that must hold text that can be stored (<see cref="PlainText"/>): no NUL or other control characters,
/// no lone surrogate halves. On every string property of the forms' input models (an architecture test checks it), so
/// that the message appears at the field as it is typed or pasted, before the handler (which refuses the same) is asked.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PlainTextAttribute : ValidationAttribute
{
    public const string Message = "使えない文字（制御文字や壊れた文字）が含まれています。その文字を消してから、もう一度お試しください。";

    public PlainTextAttribute()
        : base(Message)
    {
    }

    public override bool IsValid(object? value) => value is not string text || PlainText.IsSafe(text);
}
