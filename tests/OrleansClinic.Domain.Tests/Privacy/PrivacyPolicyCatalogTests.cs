using NodaTime;
using OrleansClinic.Domain.Privacy;

namespace OrleansClinic.Domain.Tests.Privacy;

public sealed class PrivacyPolicyCatalogTests
{
    private static readonly PrivacyPolicyVersion First = new(1, new LocalDate(2026, 1, 1), "first");
    private static readonly PrivacyPolicyVersion Second = new(2, new LocalDate(2026, 12, 1), "second");

    [Fact]
    public void The_current_policy_is_the_newest_already_in_effect()
    {
        var catalog = new PrivacyPolicyCatalog([Second, First]);
        Assert.Null(catalog.CurrentOn(new LocalDate(2025, 12, 31)));
        Assert.Equal(First, catalog.CurrentOn(new LocalDate(2026, 11, 30)));
        Assert.Equal(Second, catalog.CurrentOn(new LocalDate(2026, 12, 1)));
        Assert.Equal([First, Second], catalog.All);
    }

    [Fact]
    public void A_version_announced_ahead_can_be_read_by_number_before_it_applies()
    {
        var catalog = new PrivacyPolicyCatalog([First, Second]);
        Assert.Equal(Second, catalog.Find(2));
        Assert.Null(catalog.Find(3));
        Assert.Equal(First, catalog.CurrentOn(new LocalDate(2026, 6, 1)));
    }

    [Fact]
    public void Only_a_published_version_already_in_effect_counts_as_one_a_patient_was_shown()
    {
        var catalog = new PrivacyPolicyCatalog([First, Second]);
        Assert.Equal(First, catalog.InEffectOn(1, new LocalDate(2026, 6, 1)));
        Assert.Null(catalog.InEffectOn(2, new LocalDate(2026, 11, 30)));
        Assert.Equal(Second, catalog.InEffectOn(2, new LocalDate(2026, 12, 1)));
        Assert.Null(catalog.InEffectOn(3, new LocalDate(2030, 1, 1)));
    }

    [Fact]
    public void Duplicate_numbers_and_dates_that_run_backwards_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new PrivacyPolicyCatalog([First, First with { Content = "again" }]));
        Assert.Throws<ArgumentException>(() => new PrivacyPolicyCatalog([First, Second with { EffectiveFrom = new LocalDate(2025, 6, 1) }]));
        Assert.Throws<ArgumentException>(() => new PrivacyPolicyCatalog([First, Second with { EffectiveFrom = First.EffectiveFrom }]));
    }
}
