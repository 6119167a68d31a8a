using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansClinic.Notifications.Channels;

namespace OrleansClinic.Notifications.Tests;

/// <summary>The embedded clinic's sink: each notice one line in the local file, concurrent writers never interleaved.</summary>
public sealed class LocalNotificationSinkTests
{
    [Fact]
    public async Task Each_notice_is_one_line_with_channel_recipient_subject_and_text()
    {
        var path = Path.Combine(Path.GetTempPath(), $"clinic-sink-{Guid.NewGuid():N}.log");
        try
        {
            var options = Options.Create(new NotificationOptions { LocalSinkPath = path });
            var sms = new LocalNotificationSink(NotificationChannel.Sms, options, NullLogger<LocalNotificationSink>.Instance);
            var email = new LocalNotificationSink(NotificationChannel.Email, options, NullLogger<LocalNotificationSink>.Instance);

            var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => (i % 2 == 0 ? sms : email)
                .SendAsync($"+61491570{i:D3}", "Your appointment is confirmed", $"Line one {i}\nline two", TestContext.Current.CancellationToken)));

            Assert.All(outcomes, o => Assert.Equal(SendStatus.Sent, o.Status));
            var lines = await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(50, lines.Length);
            var first = lines.Single(l => l.Contains("+61491570000", StringComparison.Ordinal)).Split('\t');
            Assert.Equal(("sms", "+61491570000", "Your appointment is confirmed", "Line one 0 line two"), (first[1], first[3], first[4], first[5]));
            Assert.Equal(25, lines.Count(l => l.Split('\t')[1] == "email"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
