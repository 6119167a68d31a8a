using OrleansClinic.Gateway.Live;

namespace OrleansClinic.Gateway.Tests.Live;

public sealed class LiveReplayBufferTests
{
    private static LiveEvent At(long id, string? eventId = null) => new(id, eventId ?? "e-" + id, "slot.booked", "{}");

    private static ReplayBuffer With(int capacity, params long[] ids)
    {
        var buffer = new ReplayBuffer(capacity);
        foreach (var id in ids)
        {
            Assert.True(buffer.TryAdd(At(id)));
        }

        return buffer;
    }

    [Fact]
    public void Replays_the_events_after_a_buffered_id()
    {
        var buffer = With(10, 3, 7, 9, 12);
        Assert.Equal([9L, 12L], buffer.After(7)!.Select(e => e.Id));
        Assert.Equal([7L, 9L, 12L], buffer.After(3)!.Select(e => e.Id));
        Assert.Empty(buffer.After(12)!);
    }

    [Fact]
    public void An_id_between_buffered_ids_or_past_the_newest_is_covered()
    {
        // Offsets of one key skip numbers (the partition holds other keys), so any id in range is a point the buffer covers.
        var buffer = With(10, 3, 7, 9);
        Assert.Equal([7L, 9L], buffer.After(5)!.Select(e => e.Id));
        Assert.Empty(buffer.After(40)!);
    }

    [Fact]
    public void An_id_older_than_the_buffer_or_an_empty_buffer_is_not_covered()
    {
        Assert.Null(With(10, 3, 7).After(2));
        Assert.Null(new ReplayBuffer(4).After(0));
    }

    [Fact]
    public void The_oldest_events_are_evicted_and_then_no_longer_cover_their_ids()
    {
        var buffer = With(3, 1, 2, 3, 4, 5);
        Assert.Equal(3, buffer.Count);
        Assert.Equal(3L, buffer.OldestId);
        Assert.Equal(5L, buffer.LastId);
        Assert.Null(buffer.After(2));
        Assert.Equal([4L, 5L], buffer.After(3)!.Select(e => e.Id));
    }

    [Fact]
    public void An_id_at_or_below_the_last_accepted_is_refused()
    {
        var buffer = With(10, 5, 8);
        Assert.False(buffer.TryAdd(At(8, "other")));
        Assert.False(buffer.TryAdd(At(6, "older")));
        Assert.True(buffer.TryAdd(At(9)));
        Assert.Equal(3, buffer.Count);
        Assert.Equal([8L, 9L], buffer.After(5)!.Select(e => e.Id));
    }

    [Fact]
    public void A_buffered_event_id_under_a_new_offset_is_refused_until_it_is_evicted()
    {
        var buffer = new ReplayBuffer(2);
        Assert.True(buffer.TryAdd(At(1, "a")));
        Assert.False(buffer.TryAdd(At(2, "a")));
        Assert.True(buffer.TryAdd(At(3, "b")));
        Assert.True(buffer.TryAdd(At(4, "c")));

        // "a" has left the buffer, so the bounded memory no longer recognises it.
        Assert.True(buffer.TryAdd(At(5, "a")));
    }

    [Fact]
    public void Event_ids_are_remembered_for_the_dedupe_window_after_their_events_left_the_buffer()
    {
        var buffer = new ReplayBuffer(2, dedupeWindow: 4);
        foreach (var (id, eventId) in new[] { (1L, "a"), (2L, "b"), (3L, "c"), (4L, "d") })
        {
            Assert.True(buffer.TryAdd(At(id, eventId)));
        }

        Assert.Equal(3, buffer.OldestId);
        Assert.False(buffer.TryAdd(At(5, "a")));
        Assert.True(buffer.TryAdd(At(6, "e")));

        // Five ids later "a" is forgotten: the window is bounded.
        Assert.True(buffer.TryAdd(At(7, "a")));
    }

    [Fact]
    public void Events_without_an_event_id_are_only_deduplicated_by_offset()
    {
        var buffer = new ReplayBuffer(4);
        Assert.True(buffer.TryAdd(At(1, "")));
        Assert.True(buffer.TryAdd(At(2, "")));
        Assert.Equal(2, buffer.Count);
    }
}
