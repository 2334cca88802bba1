using Resilience.LocalCluster.Internal.Backup;

namespace Resilience.LocalCluster.Tests.Internal.Backup;

/// <summary>
/// A full disk during a restore reaches the user as one line: pgBackRest's ERROR (the restore's files) or the
/// copy's PostgreSQL FATAL (its recovery). The lines are the tools' own wording (pgBackRest 2.45, PostgreSQL 15);
/// a real full disk is not made here.
/// </summary>
public class FullDiskMessageTests
{
    [Fact]
    public void A_full_disk_while_pgbackrest_writes_the_copy_is_its_error_line_without_the_process_prefix()
    {
        var output = """
            2026-12-01 01:20:00.000 P00   INFO: restore command begin 2.45: --config=/var/tmp/resilience/local/backup/pgbackrest.conf
            P01  ERROR: [047]: unable to write '/var/tmp/resilience/local/restores/drill/data/base/16384/16400': [28] No space left on device
            2026-12-01 01:20:01.000 P00   INFO: restore command end: aborted with exception [047]
            """;

        Assert.Equal("[047]: unable to write '/var/tmp/resilience/local/restores/drill/data/base/16384/16400': [28] No space left on device", PgBackRestRunner.ErrorLine(output));
    }

    [Fact]
    public void A_full_disk_while_the_copy_replays_wal_is_postgres_fatal_line()
    {
        var log = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(log,
            [
                "2026-12-01 01:20:02.000 UTC [4242] LOG:  starting point-in-time recovery to 2026-12-01 01:19:00+00",
                "2026-12-01 01:20:03.000 UTC [4242] FATAL:  could not write to file \"pg_wal/xlogtemp.4242\": No space left on device",
                "2026-12-01 01:20:03.100 UTC [4240] LOG:  startup process (PID 4242) exited with exit code 1",
            ]);

            Assert.Equal("could not write to file \"pg_wal/xlogtemp.4242\": No space left on device", PointInTimeCopy.FatalLine(log));
        }
        finally
        {
            File.Delete(log);
        }
    }
}
