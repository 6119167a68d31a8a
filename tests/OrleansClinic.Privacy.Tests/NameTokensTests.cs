namespace OrleansClinic.Privacy.Tests;

/// <summary>Name tokens: one token for every way of typing a word of a name, under the hosts' invariant globalisation.</summary>
public sealed class NameTokensTests
{
    [Theory]
    [InlineData("Zoë")]
    [InlineData("ZOË")]
    [InlineData("zoe")]
    [InlineData("Zoe\u0308")]        // e followed by a combining diaeresis
    [InlineData("Ｚｏｅ")]            // fullwidth
    [InlineData("  Zoé ")]
    public void Case_accents_and_compatibility_forms_fold_alike(string written) =>
        Assert.Equal(["zoe"], NameTokens.Of(written));

    [Theory]
    [InlineData("O'Quokka", "oquokka")]
    [InlineData("O’Quokka", "oquokka")]
    [InlineData("OQuokka", "oquokka")]
    [InlineData("Ŀlama", "llama")]
    [InlineData("Straße", "strasse")]
    [InlineData("Łukasz-Øyvind", "lukasz oyvind")]
    [InlineData("Ælfwyn Þorn", "aelfwyn thorn")]
    [InlineData("ΟΔΥΣΣΕΥΣ Ὀδυσσεύς", "οδυσσευσ")]
    [InlineData("Ёлкина", "елкина")]
    [InlineData("ﬁnch", "finch")]
    public void Apostrophes_join_letters_fold_and_other_marks_split(string written, string tokens) =>
        Assert.Equal(tokens.Split(' '), NameTokens.Of(written));

    [Fact]
    public void Given_and_family_names_give_each_distinct_token_once_in_order() =>
        Assert.Equal(["testa", "anna", "quokka", "jones"], NameTokens.Of("Testa  Anna", "Quokka-Jones", "testa.", null));

    [Theory]
    [InlineData("")]
    [InlineData(" - ' . ")]
    [InlineData(null)]
    public void Text_without_a_letter_or_digit_has_no_tokens(string? written) =>
        Assert.Empty(NameTokens.Of(written));

    [Fact]
    public void Scripts_without_case_keep_their_letters() =>
        Assert.Equal(["山田", "김"], NameTokens.Of("山田 김"));
}
