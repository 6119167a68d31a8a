using NodaTime;
using OrleansClinic.Domain.Privacy;

namespace OrleansClinic.Domain.Tests.Privacy;

/// <summary>Retention per Australian state and territory: the law's minimum by default, longer when the practice says so, never shorter.</summary>
public sealed class RetentionPolicyTests
{
    [Theory]
    [InlineData("NSW", "Health Records and Information Privacy Act 2002 (NSW), s 25")]
    [InlineData("VIC", "Health Records Act 2001 (Vic), Schedule 1, HPP 4.2")]
    [InlineData("QLD", "no statute for private practice")]
    [InlineData("WA", "no statute for private practice")]
    [InlineData("SA", "no statute for private practice")]
    [InlineData("TAS", "no statute for private practice")]
    [InlineData("ACT", "Health Records (Privacy and Access) Act 1997 (ACT)")]
    [InlineData("NT", "no statute for private practice")]
    public void Every_state_keeps_seven_years_and_minors_until_25_by_default(string state, string source)
    {
        Assert.Equal(new RetentionRule(7, 25), RetentionPolicy.Default.For(state));
        Assert.Equal(new RetentionRule(7, 25), RetentionPolicy.MinimumFor(state).Rule);
        Assert.Equal(state, RetentionPolicy.MinimumFor(state).StateCode);
        Assert.StartsWith(source, RetentionPolicy.MinimumFor(state).Source, StringComparison.Ordinal);
    }

    [Fact]
    public void The_states_and_territories_are_the_eight_codes() =>
        Assert.Equal(["NSW", "VIC", "QLD", "WA", "SA", "TAS", "ACT", "NT"], RetentionPolicy.StateCodes);

    [Fact]
    public void State_codes_are_read_in_any_case()
    {
        var policy = new RetentionPolicy(RetentionRule.Default, new Dictionary<string, RetentionRule> { ["qld"] = new(10, 25) });

        Assert.Equal(new RetentionRule(10, 25), policy.For("QLD"));
        Assert.Equal(new RetentionRule(10, 25), policy.For("Qld"));
        Assert.Equal(["QLD"], policy.StateRules.Keys);
        Assert.Equal("NSW", RetentionPolicy.MinimumFor("nsw").StateCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("XX")]
    [InlineData("NZ")]
    [InlineData("JBT")] // Jervis Bay follows ACT law but is not a code the clinic is configured with
    [InlineData(" NSW")]
    [InlineData("New South Wales")]
    public void Unknown_state_codes_are_refused(string state)
    {
        Assert.Contains("is not an Australian state or territory code", Assert.Throws<ArgumentException>(() => RetentionPolicy.Default.For(state)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RetentionPolicy.MinimumFor(state));
        Assert.Throws<ArgumentException>(() => RetentionPolicy.Default.WithStateRule(state, new RetentionRule(10, 25)));
        Assert.Throws<ArgumentException>(() => new RetentionPolicy(RetentionRule.Default, new Dictionary<string, RetentionRule> { [state] = new(10, 25) }));
    }

    [Fact]
    public void A_practice_that_keeps_ten_years_everywhere_sets_its_default()
    {
        var policy = new RetentionPolicy(new RetentionRule(10, 25));

        Assert.All(RetentionPolicy.StateCodes, state => Assert.Equal(new RetentionRule(10, 25), policy.For(state)));
        Assert.Equal(Date("2036-03-02"), policy.For("WA").KeepUntil(Date("1980-05-10"), Date("2026-03-02")));
    }

    [Fact]
    public void A_practice_can_keep_longer_in_one_state_only()
    {
        var policy = RetentionPolicy.Default.WithStateRule("QLD", new RetentionRule(10, 25)).WithStateRule("ACT", new RetentionRule(7, 28));

        Assert.Equal(new RetentionRule(10, 25), policy.For("QLD"));
        Assert.Equal(new RetentionRule(7, 28), policy.For("ACT"));
        Assert.Equal(RetentionRule.Default, policy.For("NSW"));
        Assert.Equal(RetentionRule.Default, RetentionPolicy.Default.For("QLD")); // the original is left as it was
        Assert.Equal(Date("2036-03-02"), policy.For("QLD").KeepUntil(Date("1980-05-10"), Date("2026-03-02")));
        Assert.Equal(Date("2033-03-02"), policy.For("NSW").KeepUntil(Date("1980-05-10"), Date("2026-03-02")));
    }

    [Fact]
    public void A_later_rule_for_a_state_replaces_the_earlier_one() =>
        Assert.Equal(
            new RetentionRule(12, 25),
            RetentionPolicy.Default.WithStateRule("SA", new RetentionRule(10, 25)).WithStateRule("sa", new RetentionRule(12, 25)).For("SA"));

    [Fact]
    public void A_rule_equal_to_the_minimum_is_accepted() =>
        Assert.Equal(RetentionRule.Default, new RetentionPolicy(RetentionRule.Default, new Dictionary<string, RetentionRule> { ["NSW"] = new(7, 25) }).For("NSW"));

    [Theory]
    [InlineData("NSW", 5, 25, "Health Records and Information Privacy Act 2002 (NSW), s 25")]
    [InlineData("VIC", 7, 21, "Health Records Act 2001 (Vic)")]
    [InlineData("ACT", 6, 30, "Health Records (Privacy and Access) Act 1997 (ACT)")]
    [InlineData("WA", 10, 21, "no statute for private practice")] // longer after the service does not make up for a child's record
    public void A_state_rule_shorter_than_the_law_there_is_refused(string state, int years, int age, string source)
    {
        var rule = new RetentionRule(years, age);

        var refused = Assert.Throws<ArgumentException>(() => new RetentionPolicy(RetentionRule.Default, new Dictionary<string, RetentionRule> { [state] = rule }));
        Assert.Equal("stateRules", refused.ParamName);
        Assert.Contains($"The retention rule for {state} ({rule}) is shorter than the minimum there (7 years after the last service; minors until 25: {source}", refused.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RetentionPolicy.Default.WithStateRule(state, rule));
    }

    [Fact]
    public void A_default_shorter_than_the_law_is_refused()
    {
        var refused = Assert.Throws<ArgumentException>(() => new RetentionPolicy(new RetentionRule(6, 25)));

        Assert.Equal("defaultRule", refused.ParamName);
        Assert.Contains("The default retention rule (6 years after the last service; minors until 25) would apply in NSW", refused.Message, StringComparison.Ordinal);
        Assert.Contains("shorter than the minimum there", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_default_is_refused_while_one_state_still_falls_back_to_it()
    {
        var allButNt = RetentionPolicy.StateCodes.Where(s => s != "NT").ToDictionary(s => s, _ => new RetentionRule(7, 25));

        var refused = Assert.Throws<ArgumentException>(() => new RetentionPolicy(new RetentionRule(5, 18), allButNt));
        Assert.Contains("would apply in NT", refused.Message, StringComparison.Ordinal);

        // With a rule for every state, the default applies nowhere and cannot cut a record short.
        allButNt["NT"] = new RetentionRule(7, 25);
        Assert.Equal(RetentionRule.Default, new RetentionPolicy(new RetentionRule(5, 18), allButNt).For("NT"));
    }

    [Fact]
    public void A_state_given_twice_is_refused() =>
        Assert.Contains(
            "given twice",
            Assert.Throws<ArgumentException>(() => new RetentionPolicy(RetentionRule.Default, new Dictionary<string, RetentionRule> { ["NSW"] = new(8, 25), ["nsw"] = new(9, 25) })).Message,
            StringComparison.Ordinal);

    [Fact]
    public void A_missing_rule_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => new RetentionPolicy(null!));
        Assert.Throws<ArgumentNullException>(() => new RetentionPolicy(RetentionRule.Default, new Dictionary<string, RetentionRule> { ["NSW"] = null! }));
        Assert.Throws<ArgumentNullException>(() => RetentionPolicy.Default.WithStateRule("NSW", null!));
    }

    [Fact]
    public void The_erasure_plan_follows_the_states_rule()
    {
        var policy = RetentionPolicy.Default.WithStateRule("TAS", new RetentionRule(10, 25));

        var plan = ErasurePlan.For(Date("1960-01-01"), Date("2018-05-01"), Date("2026-11-29"), policy.For("TAS"));
        Assert.False(plan.EverythingNow);
        Assert.Equal(Date("2028-05-01"), plan.RestErasedOn);
        Assert.True(ErasurePlan.For(Date("1960-01-01"), Date("2018-05-01"), Date("2026-11-29"), policy.For("NSW")).EverythingNow);
    }

    private static LocalDate Date(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;
}
