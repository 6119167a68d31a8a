using System.Net;
using System.Net.Sockets;

namespace OrleansClinic.Testing.StandIns;

/// <summary>Loopback ports for servers a test starts.</summary>
public static class LocalPorts
{
    /// <summary>A TCP port free on the loopback address a moment ago.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
