namespace DxTracker.Web.Domain;

/// <summary>
/// 全角 input: Japanese keyboards type digits, letters and symbols as full-width characters
/// (１２，９００, Ｒ２, ％). Only the parsing of numbers and years uses this; free text is stored as typed.
/// </summary>
internal static class FullWidth
{
    private const char FirstFullWidth = '\uFF01'; // ！
    private const char LastFullWidth = '\uFF5E'; // ～
    private const int Offset = FirstFullWidth - '!';
    private const char IdeographicSpace = '\u3000';

    /// <summary>Full-width ASCII characters (U+FF01–U+FF5E) and the ideographic space become their half-width forms.</summary>
    public static string ToHalfWidth(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c switch
                {
                    >= FirstFullWidth and <= LastFullWidth => (char)(c - Offset),
                    IdeographicSpace => ' ',
                    _ => c,
                };
            }
        });
    }
}
