using System.Net;
using System.Net.Http.Headers;
using System.Text;
using static OrleansClinic.Gateway.Tests.Callers;

namespace OrleansClinic.Gateway.Tests;

/// <summary>
/// docs/permissions.md as data: every endpoint × every caller × own/other's object, each sent through the real pipeline and
/// judged only as allowed or denied, so a handler that forgets its per-object check shows up as one failing row.
/// </summary>
public sealed class PermissionMatrixTests(ClinicApi api)
{
    // Placeholders: {patient}, {doctor}, {appointment} are the caller's own objects (patient A, doctor D1, A's appointment
    // with D1) or another's (patient B, doctor D2, B's appointment with D2); {date}, {from}, {to} and {closed} are times;
    // {staff} is one staff member, who belongs to no caller.
    // Bodies are valid where the handler validates before it authorises (booking, reschedule) and point at a closed hour
    // so that an allowed call changes nothing; elsewhere they are deliberately incomplete, since authorisation comes first.
    private static readonly Endpoint[] Matrix =
    [
        new("GET", "/api/v1/privacy-policy", Anyone),
        new("GET", "/api/v1/privacy-policy/1", Anyone),

        new("GET", "/api/v1/doctors", SignedIn),
        new("POST", "/api/v1/doctors", PracticeManager | Admin, Body: "{}"),
        new("GET", "/api/v1/doctors/{doctor}", SignedIn, Other: SignedIn),
        new("PUT", "/api/v1/doctors/{doctor}/availability", Doctor | PracticeManager | Admin, Other: PracticeManager | Admin, Body: Hours),
        new("GET", "/api/v1/doctors/{doctor}/slots", SignedIn, Other: SignedIn, Query: "?from={from}&to={to}"),
        new("GET", "/api/v1/doctors/{doctor}/appointments", Doctor | Staff, Other: Staff, Query: "?date={date}"),
        new("GET", "/api/v1/doctors/{doctor}/held", Doctor | Staff, Other: Staff, Query: "?date={date}&days=7"),
        new("POST", "/api/v1/doctors/{doctor}/unavailability", Doctor | PracticeManager | Admin, Other: PracticeManager | Admin, Body: "{}"),
        new("POST", "/api/v1/doctors/{doctor}/return", Doctor | PracticeManager | Admin, Other: PracticeManager | Admin),
        new("GET", "/api/v1/reassignments/r-matrix-unknown", Staff),
        new("GET", "/api/v1/notifications/undelivered", Staff),
        new("GET", "/api/v1/slots", SignedIn, Query: "?from={from}&to={to}"),

        new("POST", "/api/v1/appointments", Patient | Receptionist | PracticeManager, Other: Receptionist | PracticeManager,
            Body: """{"doctorId":"{doctor}","patientId":"{patient}","start":"{closed}"}"""),
        new("GET", "/api/v1/appointments/{appointment}", Patient | Doctor | Staff, Other: Staff),
        new("POST", "/api/v1/appointments/{appointment}/reschedule", Patient | Staff, Other: Staff, Body: """{"start":"{closed}"}"""),
        new("POST", "/api/v1/appointments/{appointment}/cancel", Patient | Staff, Other: Staff, Body: "{}"),
        new("POST", "/api/v1/appointments/{appointment}/check-in", Doctor | Staff, Other: Staff),
        new("POST", "/api/v1/appointments/{appointment}/complete", Doctor | Staff, Other: Staff),
        new("POST", "/api/v1/appointments/{appointment}/no-show", Doctor | Staff, Other: Staff),

        new("POST", "/api/v1/patients", Patient | Receptionist, Body: "{}"),
        new("GET", "/api/v1/patients/{patient}", Patient | Doctor | Receptionist | PracticeManager, Other: Receptionist | PracticeManager),
        new("PATCH", "/api/v1/patients/{patient}", Patient | Receptionist | PracticeManager, Other: Receptionist | PracticeManager, Body: "{}"),
        new("POST", "/api/v1/patients/search", Receptionist | PracticeManager, Body: "{}"),
        new("GET", "/api/v1/patients/{patient}/export", Patient, Other: None),
        // Erasing patient A mid-matrix leaves every other row's verdict as it was: no allowed call turns into 401/403.
        new("DELETE", "/api/v1/patients/{patient}", Patient, Other: None),
        new("GET", "/api/v1/patients/{patient}/appointments", Patient | Staff, Other: Staff),
        new("GET", "/api/v1/patients/{patient}/consents", Patient | Staff, Other: Staff),
        new("PUT", "/api/v1/patients/{patient}/consents/marketing", Patient, Other: None, Body: "{}"),

        new("GET", "/api/v1/staff", PracticeManager | Admin, Query: "?role=receptionist"),
        new("POST", "/api/v1/staff", Admin, Body: "{}"),
        new("GET", "/api/v1/staff/{staff}", PracticeManager | Admin),
        new("PUT", "/api/v1/staff/{staff}/roles", Admin, Body: "{}"),

        new("GET", "/api/v1/audit", PracticeManager | Admin, Query: "?entityId={patient}"),
        new("GET", "/api/v1/audit/verify", PracticeManager | Admin),

        new("GET", "/api/v1/doctors/{doctor}/schedule/events", SignedIn, Other: SignedIn, Live: true),
        new("GET", "/api/v1/patients/{patient}/appointments/events", Patient | Staff, Other: Staff, Live: true),
        new("GET", "/api/v1/clinic/events", Staff, Live: true),
    ];

    private const string Hours = """{"weekly":[{"day":"monday","start":"09:00","end":"12:00"},{"day":"tuesday","start":"09:00","end":"12:00"},{"day":"wednesday","start":"09:00","end":"12:00"},{"day":"thursday","start":"09:00","end":"12:00"},{"day":"friday","start":"09:00","end":"12:00"}],"exceptions":[]}""";

    private static readonly Dictionary<string, Endpoint> ByName = Matrix.ToDictionary(e => e.Name, StringComparer.Ordinal);

    private static readonly Dictionary<string, Callers> CallerNames = new(StringComparer.Ordinal)
    {
        ["anonymous"] = Anonymous,
        ["patient"] = Patient,
        ["doctor"] = Doctor,
        ["receptionist"] = Receptionist,
        ["practice_manager"] = PracticeManager,
        ["admin"] = Admin,
    };

    private static readonly Lock Gate = new();
    private static Task<World>? shared;

    public static TheoryData<string, string, string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string, string, string>();
            foreach (var endpoint in Matrix)
            {
                foreach (var (name, caller) in CallerNames)
                {
                    if (endpoint.Other is { } other)
                    {
                        cases.Add(endpoint.Name, name, "own", Verdict(endpoint.Own, caller));
                        cases.Add(endpoint.Name, name, "other's", Verdict(other, caller));
                    }
                    else
                    {
                        cases.Add(endpoint.Name, name, "-", Verdict(endpoint.Own, caller));
                    }
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_gateway_lets_through_exactly_whom_the_matrix_names(string endpoint, string caller, string objects, string expected)
    {
        var world = await Shared();
        var row = ByName[endpoint];
        var who = CallerNames[caller];
        using var request = world.Request(row, own: objects != "other's");
        using var response = await world.Clients[who].SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var status = (int)response.StatusCode;

        Assert.True(status < 500, $"{endpoint} as {caller} answered {status}");
        if (expected == "denied")
        {
            Assert.Equal(who == Anonymous ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, response.StatusCode);
        }
        else
        {
            Assert.False(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{endpoint} as {caller} ({objects}) was denied with {status}");
            if (row.Live)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    private static string Verdict(Callers allowed, Callers caller) => (allowed & caller) != 0 ? "allowed" : "denied";

    private Task<World> Shared()
    {
        lock (Gate)
        {
            return shared ??= World.Create(api);
        }
    }

    /// <summary>The objects the matrix points at, made once for every case, and a signed-in client per caller.</summary>
    private sealed class World
    {
        private readonly Dictionary<string, string> own;
        private readonly Dictionary<string, string> others;

        private World(Dictionary<Callers, HttpClient> clients, Dictionary<string, string> own, Dictionary<string, string> others)
        {
            Clients = clients;
            this.own = own;
            this.others = others;
        }

        public Dictionary<Callers, HttpClient> Clients { get; }

        public static async Task<World> Create(ClinicApi api)
        {
            var (doctorOwn, doctorOther) = (await api.CreateDoctor(), await api.CreateDoctor());
            var (patientOwn, patientOther) = (await TestPatients.Register(api), await TestPatients.Register(api));
            var clients = new Dictionary<Callers, HttpClient>
            {
                [Anonymous] = api.CreateClient(),
                [Patient] = await api.SignIn(patientOwn, "patient"),
                [Doctor] = await api.SignIn(doctorOwn, "doctor"),
                [Receptionist] = await api.SignIn("staff-matrix-reception", "receptionist"),
                [PracticeManager] = await api.SignIn("staff-matrix-manager", "practice_manager"),
                [Admin] = await api.SignIn("staff-matrix-admin", "admin"),
            };

            var day = ClinicCalls.FutureWeekday();
            var times = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["date"] = day.ToString("yyyy-MM-dd", null),
                ["from"] = Uri.EscapeDataString(ClinicCalls.At(day, 0, 0)),
                ["to"] = Uri.EscapeDataString(ClinicCalls.At(day.PlusDays(1), 0, 0)),
                ["closed"] = ClinicCalls.At(day, 20, 0),
                ["staff"] = "s-matrix-" + Guid.NewGuid().ToString("N")[..12],
            };
            var staff = await clients[Admin].PostAsync(
                "/api/v1/staff", new StringContent($$"""{"id":"{{times["staff"]}}","roles":["receptionist"]}""", Encoding.UTF8, "application/json"));
            staff.EnsureSuccessStatusCode();

            async Task<Dictionary<string, string>> Objects(string doctor, string patient)
            {
                var booked = await clients[Receptionist].PostIdempotent(
                    "/api/v1/appointments", new { doctorId = doctor, patientId = patient, start = ClinicCalls.At(day, 9, 0) }, "matrix-" + Guid.NewGuid());
                booked.EnsureSuccessStatusCode();
                return new Dictionary<string, string>(times, StringComparer.Ordinal)
                {
                    ["doctor"] = doctor,
                    ["patient"] = patient,
                    ["appointment"] = (await booked.Body()).GetProperty("id").GetString()!,
                };
            }

            return new World(clients, await Objects(doctorOwn, patientOwn), await Objects(doctorOther, patientOther));
        }

        public HttpRequestMessage Request(Endpoint endpoint, bool own)
        {
            var values = own ? this.own : others;
            var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), Fill(endpoint.Path + endpoint.Query, values));
            if (endpoint.Body is not null)
            {
                request.Content = new StringContent(Fill(endpoint.Body, values), Encoding.UTF8, "application/json");
            }

            if (endpoint.Method == "POST")
            {
                request.Headers.Add("Idempotency-Key", "matrix-" + Guid.NewGuid());
            }

            if (endpoint.Live)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            }

            return request;
        }

        private static string Fill(string template, Dictionary<string, string> values) =>
            values.Aggregate(template, (text, value) => text.Replace("{" + value.Key + "}", value.Value, StringComparison.Ordinal));
    }
}

/// <summary>Who may call: the five roles and the caller without a token.</summary>
[Flags]
internal enum Callers
{
    None = 0,
    Anonymous = 1,
    Patient = 2,
    Doctor = 4,
    Receptionist = 8,
    PracticeManager = 16,
    Admin = 32,
    Staff = Receptionist | PracticeManager | Admin,
    SignedIn = Patient | Doctor | Staff,
    Anyone = Anonymous | SignedIn,
}

/// <summary>
/// One row of the matrix: who may call it on their own object, and (when the endpoint has an owner) on another's. Endpoints
/// without <paramref name="Other"/> have no owner, so <paramref name="Own"/> is everyone's column.
/// </summary>
internal sealed record Endpoint(string Method, string Path, Callers Own, Callers? Other = null, string? Query = null, string? Body = null, bool Live = false)
{
    public string Name => $"{Method} {Path}";
}
