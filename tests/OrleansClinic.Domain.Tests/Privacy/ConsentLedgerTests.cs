using NodaTime;
using OrleansClinic.Domain.Privacy;

namespace OrleansClinic.Domain.Tests.Privacy;

public sealed class ConsentLedgerTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 0, 0);

    private static ConsentRecord Decision(ConsentPurpose purpose, bool granted, int policy = 1, int minutes = 0) =>
        new(purpose, granted, policy, Now + Duration.FromMinutes(minutes), "p-ledger");

    [Fact]
    public void No_decision_means_no_consent_and_the_latest_decision_counts()
    {
        var ledger = new ConsentLedger([]);
        Assert.False(ledger.Allows(ConsentPurpose.SmsReminders));

        Assert.True(ledger.Record(Decision(ConsentPurpose.SmsReminders, true)));
        Assert.True(ledger.Allows(ConsentPurpose.SmsReminders));
        Assert.False(ledger.Allows(ConsentPurpose.EmailReminders));

        Assert.True(ledger.Record(Decision(ConsentPurpose.SmsReminders, false, minutes: 5)));
        Assert.False(ledger.Allows(ConsentPurpose.SmsReminders));
    }

    [Fact]
    public void History_only_grows_and_a_retried_decision_is_not_recorded_twice()
    {
        var ledger = new ConsentLedger([]);
        ledger.Record(Decision(ConsentPurpose.Research, true));
        Assert.False(ledger.Record(Decision(ConsentPurpose.Research, true, minutes: 1)));
        ledger.Record(Decision(ConsentPurpose.Research, false, minutes: 2));
        ledger.Record(Decision(ConsentPurpose.Research, true, minutes: 3));

        Assert.Equal([true, false, true], ledger.History.Select(r => r.Granted));
    }

    [Fact]
    public void The_same_decision_under_a_newer_policy_is_recorded()
    {
        var ledger = new ConsentLedger([Decision(ConsentPurpose.Marketing, true, policy: 1)]);
        Assert.True(ledger.Record(Decision(ConsentPurpose.Marketing, true, policy: 2)));
        Assert.Equal(2, ledger.Latest(ConsentPurpose.Marketing)!.PolicyVersion);
    }

    [Theory]
    [InlineData("sms_reminders", ConsentPurpose.SmsReminders)]
    [InlineData("email_reminders", ConsentPurpose.EmailReminders)]
    [InlineData("mhr_upload", ConsentPurpose.MhrUpload)]
    [InlineData("research", ConsentPurpose.Research)]
    [InlineData("marketing", ConsentPurpose.Marketing)]
    public void Purposes_have_their_api_names_both_ways(string name, ConsentPurpose purpose)
    {
        Assert.Equal(purpose, ConsentPurposes.Parse(name));
        Assert.Equal(name, purpose.ToApiName());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("SMS_REMINDERS")]
    [InlineData("smsReminders")]
    public void Unknown_purpose_names_are_not_guessed(string? name) => Assert.Null(ConsentPurposes.Parse(name));
}
