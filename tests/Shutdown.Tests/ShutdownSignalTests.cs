using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Resilience.Shutdown.Tests;

/// <summary>SIGINT, SIGTERM and SIGHUP, really sent to this process, each cancel the token and leave the process running.</summary>
public sealed class ShutdownSignalTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("INT", PosixSignal.SIGINT)]
    [InlineData("TERM", PosixSignal.SIGTERM)]
    [InlineData("HUP", PosixSignal.SIGHUP)]
    public async Task Each_signal_cancels_the_token_instead_of_ending_the_process(string name, PosixSignal expected)
    {
        var error = new StringWriter();
        using var shutdown = new ShutdownSignal(new ShutdownSignalOptions { FirstSignalMessage = "stopping", Error = error });

        await SendToSelfAsync(name);
        await Task.Delay(Timeout.Infinite, shutdown.Token).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(Deadline);

        Assert.True(shutdown.Token.IsCancellationRequested);
        Assert.Equal(expected, shutdown.First);
        Assert.Equal(1, shutdown.Received);
        Assert.Equal("stopping" + Environment.NewLine, error.ToString());
    }

    [Fact]
    public void A_repeated_signal_ends_the_process_only_when_asked_to()
    {
        using var patient = new ShutdownSignal(new ShutdownSignalOptions { Error = TextWriter.Null });
        Assert.True(patient.Handle(PosixSignal.SIGTERM));
        Assert.True(patient.Handle(PosixSignal.SIGINT), "the default: every signal only asks");

        var error = new StringWriter();
        using var impatient = new ShutdownSignal(new ShutdownSignalOptions { RepeatedSignalEndsProcess = true, RepeatedSignalMessage = "exiting now", Error = error });
        Assert.True(impatient.Handle(PosixSignal.SIGHUP));
        Assert.False(impatient.Handle(PosixSignal.SIGINT), "the second signal takes the default action");
        Assert.Equal(PosixSignal.SIGHUP, impatient.First);
        Assert.Equal("exiting now" + Environment.NewLine, error.ToString());
    }

    private static async Task SendToSelfAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        await kill.WaitForExitAsync().WaitAsync(Deadline);
        Assert.Equal(0, kill.ExitCode);
    }
}
