using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Lakegate.Gateway.Tests.Functions.Conformance;

/// <summary>Stopping the gateway stops aws-lambda-ric workers, idle or mid-invocation, and closes their Runtime API listeners.</summary>
public sealed class RicShutdownTests
{
    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task<bool> AcceptsConnectionsAsync(string hostPort)
    {
        var colon = hostPort.LastIndexOf(':');
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(hostPort[..colon], int.Parse(hostPort[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture)).WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [Fact]
    public async Task GatewayStop_KillsIdleAndBusyWorkers_AndClosesTheirRuntimeApi()
    {
        var gateway = await ConformanceGatewayFixture.StartGatewayAsync();
        try
        {
            using var echo = await gateway.Client.GetAsync("/rest/prod/echo");
            Assert.Equal(HttpStatusCode.OK, echo.StatusCode);
            var body = JsonDocument.Parse(await echo.Content.ReadAsStringAsync()).RootElement;
            var idlePid = body.GetProperty("pid").GetInt32();
            var runtimeApi = body.GetProperty("env").GetProperty("runtimeApi").GetString()!;
            Assert.True(await AcceptsConnectionsAsync(runtimeApi));

            var busy = gateway.Client.GetAsync("/rest/prod/sleep?ms=1800");
            var pool = gateway.Host.Pool("sleep")!;
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (pool.Workers().Busy != 1 || pool.ProcessIds.Count != 1)
            {
                Assert.True(DateTime.UtcNow < deadline, "the sleep worker never became busy");
                await Task.Delay(10);
            }

            var busyPid = pool.ProcessIds[0];
            Assert.True(IsRunning(idlePid) && IsRunning(busyPid));

            await gateway.StopAsync();

            Assert.False(IsRunning(idlePid), $"idle worker {idlePid} outlived the gateway");
            Assert.False(IsRunning(busyPid), $"busy worker {busyPid} outlived the gateway");
            Assert.False(await AcceptsConnectionsAsync(runtimeApi), "the worker's Runtime API still listens");
            await Assert.ThrowsAnyAsync<Exception>(() => busy.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            await gateway.DisposeAsync();
        }
    }
}
