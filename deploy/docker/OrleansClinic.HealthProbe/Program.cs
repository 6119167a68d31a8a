// Exits 0 when the URL in the first argument answers 2xx within three seconds, 1 otherwise: Docker's HEALTHCHECK
// contract. Kubernetes ignores HEALTHCHECK and probes the same endpoints itself (deploy/k8s).
if (args is not [var url] || !Uri.TryCreate(url, UriKind.Absolute, out var target))
{
    Console.Error.WriteLine("usage: OrleansClinic.HealthProbe <url>");
    return 2;
}

using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
try
{
    using var response = await http.GetAsync(target);
    return response.IsSuccessStatusCode ? 0 : 1;
}
catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
{
    Console.Error.WriteLine($"{target}: {ex.Message}");
    return 1;
}
