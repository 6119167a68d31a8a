using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace OrleansClinic.Privacy;

/// <summary>
/// The words of a patient's names as the name index holds them, so that however the front desk types a name it finds
/// the same tokens: case-folded, without diacritics (<c>Zoë</c>, <c>ZOE</c> and <c>Zoe</c> with a combining diaeresis
/// are all <c>zoe</c>), compatibility forms and ligatures spelt out (<c>Ｚｏｅ</c>, <c>ﬁ</c>), apostrophes and the Catalan
/// middle dot removed so the parts join (<c>O'Brien</c>, <c>O’Brien</c> and <c>OBrien</c> are <c>obrien</c>), and
/// anything else that is not a letter or digit, such as a space, hyphen or full stop, separating tokens
/// (<c>Smith-Jones</c> is <c>smith</c> and <c>jones</c>). The folding is the vault's own (<see cref="LetterFolds"/>):
/// the hosts run with invariant globalisation, where <see cref="string.Normalize()"/> leaves non-ASCII text unchanged.
/// </summary>
public static class NameTokens
{
    // Joined rather than split: an apostrophe is typed in some renderings of a name and left out in others.
    private static readonly FrozenSet<int> Joiners = new[]
    {
        '\'', '`', '\u00B4', '\u00B7', '\u02BB', '\u02BC', '\u2018', '\u2019', '\u2032', '\uFF07',
    }.Select(c => (int)c).ToFrozenSet();

    /// <summary>The distinct tokens of <paramref name="names"/>, in order of first appearance; none when they hold no letter or digit.</summary>
    public static IReadOnlyList<string> Of(params string?[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var tokens = new List<string>();
        var token = new StringBuilder();
        foreach (var name in names)
        {
            foreach (var rune in (name ?? "").EnumerateRunes())
            {
                var category = Rune.GetUnicodeCategory(rune);

                // Diacritics typed as combining marks vanish, as they do from the precomposed letters (LetterFolds).
                if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark || Joiners.Contains(rune.Value))
                {
                    continue;
                }

                if (Rune.IsLetterOrDigit(rune) || category == UnicodeCategory.SpacingCombiningMark)
                {
                    Fold(rune, token);
                }
                else
                {
                    End(token, tokens);
                }
            }

            End(token, tokens);
        }

        return tokens;
    }

    private static void Fold(Rune rune, StringBuilder token)
    {
        if (rune.IsBmp && LetterFolds.Table.TryGetValue((char)rune.Value, out var folded))
        {
            token.Append(folded);
        }
        else
        {
            var lower = Rune.ToLowerInvariant(rune);
            token.Append(lower.IsBmp && LetterFolds.Table.TryGetValue((char)lower.Value, out var foldedLower) ? foldedLower : lower.ToString());
        }
    }

    private static void End(StringBuilder token, List<string> tokens)
    {
        if (token.Length > 0 && !tokens.Contains(token.ToString()))
        {
            tokens.Add(token.ToString());
        }

        token.Clear();
    }
}
