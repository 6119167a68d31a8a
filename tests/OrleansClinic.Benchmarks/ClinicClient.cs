using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansClinic.Testing.Cluster;

namespace OrleansClinic.Benchmarks;

/// <summary>An HTTP client of the gateway signed in through the development issuer.</summary>
internal sealed class ClinicClient : IDisposable
{
    private readonly HttpClient http;

    private ClinicClient(HttpClient http, string token) => (this.http, Token) = (http, token);

    /// <summary>The bearer token, for the SSE connection.</summary>
    public string Token { get; }

    /// <summary>Signs in as <paramref name="subject"/> with <paramref name="roles"/>.</summary>
    public static async Task<ClinicClient> SignIn(Uri address, string subject, params string[] roles)
    {
        // Unlimited connections per server so that the concurrency asked for is the concurrency the gateway sees.
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = address };
        try
        {
            using var response = await http.PostAsJsonAsync("/dev/token", new { subject, roles });
            response.EnsureSuccessStatusCode();
            var token = (await ReadJson(response)).GetProperty("access_token").GetString()!;
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return new ClinicClient(http, token);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>Creates a general practitioner with weekday hours 09:00–12:00 in Sydney and 15-minute slots at loc-bench; returns its id.</summary>
    public async Task<string> CreateDoctor(int number) => await CreateDoctor(number, "loc-bench");

    /// <summary>Creates the same general practitioner at <paramref name="locationId"/>; returns its id.</summary>
    public async Task<string> CreateDoctor(int number, string locationId)
    {
        var weekly = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(d => new { day = d, start = "09:00", end = "12:00" });
        using var response = await http.PostAsJsonAsync("/api/v1/doctors", new
        {
            name = "Dr Bench " + number.ToString(CultureInfo.InvariantCulture),
            specialty = "general_practice",
            locationId,
            timeZone = "Australia/Sydney",
            slotMinutes = 15,
            availability = new { weekly, exceptions = Array.Empty<object>() },
        });
        response.EnsureSuccessStatusCode();
        return (await ReadJson(response)).GetProperty("id").GetString()!;
    }

    /// <summary>Registers the <paramref name="number"/>-th fictional patient over HTTP (as a receptionist); returns its id.</summary>
    public async Task<string> RegisterPatient(int number)
    {
        var details = FictionalPatients.Details(number);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/patients")
        {
            Content = JsonContent.Create(new
            {
                givenName = details.GivenNames,
                familyName = details.FamilyName,
                dateOfBirth = details.DateOfBirth.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture),
                email = details.Email,
            }),
        };
        request.Headers.Add("Idempotency-Key", "bench-patient-" + Guid.NewGuid().ToString("N"));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await ReadJson(response)).GetProperty("id").GetString()!;
    }

    /// <summary>Books one appointment with a fresh Idempotency-Key.</summary>
    public async Task<BookingOutcome> Book(PlannedBooking booking)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/appointments")
        {
            Content = JsonContent.Create(new { doctorId = booking.DoctorId, patientId = booking.PatientId, start = booking.Start }),
        };
        request.Headers.Add("Idempotency-Key", "bench-" + Guid.NewGuid().ToString("N"));
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(started);
        var id = response.StatusCode == HttpStatusCode.Created ? JsonDocument.Parse(body).RootElement.GetProperty("id").GetString() : null;
        return new BookingOutcome(booking, response.StatusCode, id, elapsed, id is null ? body : null);
    }

    /// <summary>GETs <paramref name="path"/> and reads the whole body; the time is from the request to the last byte.</summary>
    public async Task<(HttpStatusCode Status, byte[] Body, TimeSpan Elapsed)> Get(string path)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        return (response.StatusCode, body, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// GETs <paramref name="path"/>, timed to its last byte, comparing the body with <paramref name="reference"/> as it
    /// arrives. An OK body equal to it comes back empty; any other comes back whole. Buffering a search's 7 MB answer
    /// twice over, as <see cref="HttpClient.GetAsync(string)"/> does, filled the large-object heap of the process the
    /// gateway shares, and slowed the searches measured.
    /// </summary>
    public async Task<(HttpStatusCode Status, byte[] Body, TimeSpan Elapsed)> Get(string path, ReadOnlyMemory<byte> reference)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        MemoryStream? different = response.StatusCode == HttpStatusCode.OK ? null : new MemoryStream();
        try
        {
            var read = 0;
            for (var n = await stream.ReadAsync(buffer); n > 0; n = await stream.ReadAsync(buffer))
            {
                var chunk = buffer.AsMemory(0, n);
                if (different is null && (read + n > reference.Length || !chunk.Span.SequenceEqual(reference.Span.Slice(read, n))))
                {
                    different = new MemoryStream();
                    different.Write(reference.Span[..read]);
                }

                different?.Write(chunk.Span);
                read += n;
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            var body = different?.ToArray() ?? (read == reference.Length ? [] : reference[..read].ToArray());
            return (response.StatusCode, body, elapsed);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            different?.Dispose();
        }
    }

    public void Dispose() => http.Dispose();

    /// <summary>Opens <paramref name="path"/> as an event stream with this client's token.</summary>
    public async Task<HttpResponseMessage> OpenStream(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}", null, response.StatusCode);
        }

        return response;
    }

    private static async Task<JsonElement> ReadJson(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}

/// <summary>A booking to make: a distinct slot for a distinct patient; <paramref name="Start"/> is as the API takes it.</summary>
internal sealed record PlannedBooking(string DoctorId, string PatientId, string Start, DateTimeOffset StartsAt);

/// <summary>What the API answered to one booking; <paramref name="Problem"/> is the body of a refusal.</summary>
internal sealed record BookingOutcome(PlannedBooking Booking, HttpStatusCode Status, string? AppointmentId, TimeSpan Elapsed, string? Problem);
