using System.ComponentModel;
using System.Diagnostics;

namespace ArazzoGen.Tool;

/// <summary>
/// Renders Mermaid text to SVG with mermaid-cli (<c>mmdc</c>, from npm's @mermaid-js/mermaid-cli), which
/// draws it in a headless browser through puppeteer. ArazzoGen draws nothing itself: the picture is
/// Mermaid's, the same one GitHub shows for the text.
/// </summary>
internal static class MermaidCli
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>
    /// <paramref name="mmdc"/> as given, else <c>node_modules/.bin/mmdc</c> under the current folder
    /// (a local <c>npm install</c>), else <c>mmdc</c> on the PATH.
    /// </summary>
    public static string Locate(string? mmdc)
    {
        if (mmdc is not null)
        {
            return mmdc;
        }

        var local = Path.Combine(Environment.CurrentDirectory, "node_modules", ".bin", OperatingSystem.IsWindows() ? "mmdc.cmd" : "mmdc");
        return File.Exists(local) ? local : "mmdc";
    }

    /// <summary>Writes <paramref name="mermaid"/> as an SVG file; on failure returns why, in a sentence that says what to do.</summary>
    public static string? Render(string mermaid, string svgPath, string mmdc, string? puppeteerConfig)
    {
        var work = Directory.CreateTempSubdirectory("arazzogen-graph-");
        try
        {
            var input = Path.Combine(work.FullName, "graph.mmd");
            File.WriteAllText(input, mermaid);
            var start = new ProcessStartInfo(mmdc)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "--input", input, "--output", Path.GetFullPath(svgPath), "--quiet" })
            {
                start.ArgumentList.Add(argument);
            }

            if (puppeteerConfig is not null)
            {
                start.ArgumentList.Add("--puppeteerConfigFile");
                start.ArgumentList.Add(Path.GetFullPath(puppeteerConfig));
            }

            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (Win32Exception)
            {
                return $"mermaid-cli ('{mmdc}') was not found: install it with 'npm install -g @mermaid-js/mermaid-cli' or give its path with --mmdc.";
            }

            using (process)
            {
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(Patience))
                {
                    process.Kill(entireProcessTree: true);
                    return $"mermaid-cli did not finish within {Patience.TotalMinutes:0} minutes.";
                }

                if (process.ExitCode != 0 || !File.Exists(svgPath))
                {
                    return $"mermaid-cli failed (exit code {process.ExitCode}): {(error.Result + output.Result).Trim()}"
                        + (error.Result.Contains("--no-sandbox", StringComparison.Ordinal)
                            ? "\nChromium refuses its sandbox here (running as root, or in a container): give --puppeteer-config a file with {\"args\": [\"--no-sandbox\"]}."
                            : error.Result.Contains("Could not find", StringComparison.Ordinal)
                                ? "\nmermaid-cli has no browser: point it at an installed Chromium or Chrome (PUPPETEER_EXECUTABLE_PATH, or executablePath in --puppeteer-config), or install one with 'npx puppeteer browsers install chrome-headless-shell'."
                                : string.Empty);
                }

                return null;
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
