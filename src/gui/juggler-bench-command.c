/* juggler-bench-command.c: the juggler-bench command line that reproduces a window's run
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "juggler-bench-command"

#include "config.h"

#include "juggler-bench-command.h"

char *
juggler_bench_command_build (const JugglerReport    *report,
                             const JugglerCpuParams *cpu,
                             const JugglerNetParams *net)
{
  GString *command = g_string_new ("juggler-bench");

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail ((cpu == NULL) != (net == NULL), NULL);

  g_string_append (command, cpu != NULL ? " cpu" : " net");
  if (report->strategy != NULL)
    g_string_append_printf (command, " --strategy %s", report->strategy);
  if (report->workers > 0)
    g_string_append_printf (command, " --workers %u", report->workers);

  if (cpu != NULL)
    {
      g_string_append_printf (command, " --size %ux%u --tile %u --iterations %u",
                              cpu->width, cpu->height, cpu->tile_size, cpu->iterations);
    }
  else
    {
      g_string_append_printf (command, " --requests %u", report->jobs);
      if (report->concurrency > 0)
        g_string_append_printf (command, " --concurrency %u", report->concurrency);
      if (net->url != NULL && net->url[0] != '\0')
        {
          g_autofree char *quoted = g_shell_quote (net->url);

          g_string_append_printf (command, " --url %s", quoted);
        }
      else
        {
          g_string_append_printf (command, " --latency-ms %u --size %u", net->latency_ms,
                                  net->size);
        }
      if (!report->tuned_connections)
        g_string_append (command, " --untuned");
    }

  if (report->progress_mode != NULL)
    g_string_append_printf (command, " --progress %s", report->progress_mode);
  if (!report->nice)
    g_string_append (command, " --no-nice");

  return g_string_free (command, FALSE);
}
