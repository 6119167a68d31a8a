using OrleansClinic.Domain.Reassignment;

namespace OrleansClinic.Domain.Tests;

/// <summary>Who takes over an appointment: a doctor the patient has seen, then the least loaded, then by id.</summary>
public sealed class ReplacementRulesTests
{
    [Fact]
    public void A_doctor_the_patient_has_seen_comes_first_even_when_busier() =>
        Assert.Equal(
            ["d-known", "d-quiet", "d-busy"],
            ReplacementRules.Rank([new("d-busy", false, 5), new("d-known", true, 9), new("d-quiet", false, 1)]).Select(c => c.DoctorId));

    [Fact]
    public void Among_equals_the_least_loaded_then_the_lowest_id_wins_so_reruns_choose_alike() =>
        Assert.Equal(
            ["d-a", "d-b", "d-c"],
            ReplacementRules.Rank([new("d-c", false, 2), new("d-b", false, 2), new("d-a", false, 1)]).Select(c => c.DoctorId));

    [Fact]
    public void A_doctor_listed_twice_is_tried_once_and_no_candidates_give_nothing()
    {
        Assert.Single(ReplacementRules.Rank([new("d-a", false, 1), new("d-a", false, 1)]));
        Assert.Empty(ReplacementRules.Rank([]));
    }
}
