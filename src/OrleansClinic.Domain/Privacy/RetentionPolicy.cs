namespace OrleansClinic.Domain.Privacy;

/// <summary>
/// Which <see cref="RetentionRule"/> a clinic follows in each Australian state and territory: the rule the practice set
/// for that state, else its default rule; never shorter than the state's minimum (<see cref="MinimumFor"/>).
/// </summary>
/// <remarks>
/// Longer is allowed (a practice that keeps 10 years, or an indemnity insurer's advice), shorter is not. Longer still has
/// to be needed: APP 11.2 (Privacy Act 1988 (Cth)) asks for destruction or de-identification once a record is no longer
/// needed for any purpose, so an override should have a reason the practice can state.
/// </remarks>
public sealed class RetentionPolicy
{
    // Private practice records, as the clinic reads the law; check against the authorised versions when a law changes.
    private static readonly RetentionMinimum[] Minimums =
    [
        // s 25: collected while an adult, 7 years after the last health service; while under 18, until they turn 25.
        new("NSW", new RetentionRule(7, 25), "Health Records and Information Privacy Act 2002 (NSW), s 25"),
        // HPP 4.2: collected while a child, until 25; in any case 7 years after the last service; whichever is later.
        new("VIC", new RetentionRule(7, 25), "Health Records Act 2001 (Vic), Schedule 1, HPP 4.2"),
        // No retention statute binds private practice in QLD, WA, SA, TAS or NT (their records Acts cover public bodies
        // only), so the profession's guidance is the floor: 7 years after the last contact, children until 25.
        new("QLD", new RetentionRule(7, 25), ProfessionalGuidance),
        new("WA", new RetentionRule(7, 25), ProfessionalGuidance),
        new("SA", new RetentionRule(7, 25), ProfessionalGuidance),
        new("TAS", new RetentionRule(7, 25), ProfessionalGuidance),
        // 7 years; a record made while the consumer was under 18, until they turn 25.
        new("ACT", new RetentionRule(7, 25), "Health Records (Privacy and Access) Act 1997 (ACT), Schedule 1, Privacy Principle 4"),
        new("NT", new RetentionRule(7, 25), ProfessionalGuidance),
    ];

    private const string ProfessionalGuidance =
        "no statute for private practice; Medical Board of Australia, Good medical practice (medical records), and RACGP guidance";

    private static readonly Dictionary<string, RetentionMinimum> MinimumsByCode =
        Minimums.ToDictionary(m => m.StateCode, StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, RetentionRule> stateRules = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A policy following <paramref name="defaultRule"/> in every state without a rule of its own in
    /// <paramref name="stateRules"/> (keyed by state code, any case).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A key is not an Australian state or territory code or is given twice, or the rule that would apply in a state is
    /// shorter than that state's minimum.
    /// </exception>
    public RetentionPolicy(RetentionRule defaultRule, IReadOnlyDictionary<string, RetentionRule>? stateRules = null)
    {
        ArgumentNullException.ThrowIfNull(defaultRule);
        DefaultRule = defaultRule;
        foreach (var (code, rule) in stateRules ?? new Dictionary<string, RetentionRule>())
        {
            var minimum = Find(code, nameof(stateRules));
            ArgumentNullException.ThrowIfNull(rule, nameof(stateRules));
            if (!this.stateRules.TryAdd(minimum.StateCode, rule))
            {
                throw new ArgumentException($"The retention rule for {minimum.StateCode} is given twice.", nameof(stateRules));
            }

            if (!rule.IsAtLeast(minimum.Rule))
            {
                throw new ArgumentException(
                    $"The retention rule for {minimum.StateCode} ({rule}) is shorter than the minimum there ({minimum.Rule}: {minimum.Source}).",
                    nameof(stateRules));
            }
        }

        foreach (var minimum in Minimums.Where(m => !this.stateRules.ContainsKey(m.StateCode)))
        {
            if (!defaultRule.IsAtLeast(minimum.Rule))
            {
                throw new ArgumentException(
                    $"The default retention rule ({defaultRule}) would apply in {minimum.StateCode}, which has no rule of its own, and is shorter than the minimum there ({minimum.Rule}: {minimum.Source}).",
                    nameof(defaultRule));
            }
        }
    }

    /// <summary>Every Australian state and territory code a policy knows: NSW, VIC, QLD, WA, SA, TAS, ACT, NT.</summary>
    public static IReadOnlyList<string> StateCodes { get; } = [.. Minimums.Select(m => m.StateCode)];

    /// <summary>The policy a clinic starts with: <see cref="RetentionRule.Default"/> everywhere.</summary>
    public static RetentionPolicy Default { get; } = new(RetentionRule.Default);

    /// <summary>The rule in every state the practice set no rule for.</summary>
    public RetentionRule DefaultRule { get; }

    /// <summary>The rules the practice set for particular states, keyed by upper-case state code.</summary>
    public IReadOnlyDictionary<string, RetentionRule> StateRules => stateRules;

    /// <summary>The minimum retention in <paramref name="stateCode"/> (any case) and the law or guidance it comes from.</summary>
    /// <exception cref="ArgumentException"><paramref name="stateCode"/> is not an Australian state or territory code.</exception>
    public static RetentionMinimum MinimumFor(string stateCode) => Find(stateCode, nameof(stateCode));

    /// <summary>The rule a clinic in <paramref name="stateCode"/> (any case) follows.</summary>
    /// <exception cref="ArgumentException"><paramref name="stateCode"/> is not an Australian state or territory code.</exception>
    public RetentionRule For(string stateCode) =>
        stateRules.GetValueOrDefault(Find(stateCode, nameof(stateCode)).StateCode) ?? DefaultRule;

    /// <summary>This policy with <paramref name="rule"/> for <paramref name="stateCode"/>, replacing any rule the state had.</summary>
    /// <exception cref="ArgumentException">An unknown state code, or a rule shorter than the state's minimum.</exception>
    public RetentionPolicy WithStateRule(string stateCode, RetentionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var code = Find(stateCode, nameof(stateCode)).StateCode;
        var rules = new Dictionary<string, RetentionRule>(stateRules, StringComparer.OrdinalIgnoreCase) { [code] = rule };
        return new RetentionPolicy(DefaultRule, rules);
    }

    private static RetentionMinimum Find(string? stateCode, string parameterName) =>
        stateCode is not null && MinimumsByCode.TryGetValue(stateCode, out var minimum)
            ? minimum
            : throw new ArgumentException(
                $"'{stateCode}' is not an Australian state or territory code; use one of {string.Join(", ", StateCodes)}.",
                parameterName);
}
