using System.Diagnostics;

namespace Resilience.ChaosSuite.Tests.TestSupport;

/// <summary>Debian's Chromium, headless, offline, with a throw-away profile.</summary>
public static class HeadlessChromium
{
    public const string Path = "/usr/bin/chromium";

    /// <summary>Renders <paramref name="html"/> and writes a PNG screenshot; returns the path.</summary>
    public static async Task<string> ScreenshotAsync(string html, string directory, int width = 1000, int height = 1600)
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"{Path} is missing; install Debian's chromium (./scripts/setup does)");
        }

        var profile = Directory.CreateTempSubdirectory("chaos-chromium-").FullName;
        var png = System.IO.Path.Combine(directory, "report.png");
        try
        {
            var start = new ProcessStartInfo(Path)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", $"--user-data-dir={profile}", $"--window-size={width},{height}", $"--screenshot={png}",
                new Uri(html).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TestTimeouts.Chromium);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish within {TestTimeouts.Chromium.TotalSeconds} s");
            }

            return File.Exists(png) ? png : throw new InvalidOperationException($"chromium wrote no screenshot (exit {process.ExitCode}): {await stderr}");
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
