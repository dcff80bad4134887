"""papermill's engine "cchc-warm": nbclient on a kernel the caller keeps (kernel.WarmKernel).

After the notebook, the engine asks the kernel how long it spent drawing charts (a build's stage split)
and resets its namespace and execution count, so the next report starts clean.
"""

from __future__ import annotations

import logging

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines

WARM_ENGINE = "cchc-warm"
RESET = "get_ipython().reset(new_session=True, aggressive=False)"
# What the notebook spent drawing charts (pipeline/charts.py counts it), asked before the reset.
CHART_SECONDS = "__import__('pipeline.write.charts', fromlist=['charts']).take_drawing_seconds()"


class WarmEngine(NBClientEngine):
    """papermill's nbclient engine on a kernel the caller keeps (`km=`), leaving it running."""

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man,
        kernel_name,
        log_output=False,
        stdout_file=None,
        stderr_file=None,
        start_timeout=60,
        execution_timeout=None,
        **kwargs,
    ):
        km = kwargs.pop("km")
        km.chart_seconds = None
        kwargs.pop("input_path", None)
        client = PapermillNotebookClient(
            nb_man,
            km=km,
            timeout=execution_timeout,
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log=logging.getLogger("papermill"),
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
            **{k: v for k, v in kwargs.items() if k in {"record_timing"}},
        )
        try:
            nb = client.execute()  # cell errors are recorded, not raised: papermill raises them later
        except BaseException:
            if client.kc is not None:  # timed out or died: no reset, the caller discards this kernel
                client.kc.stop_channels()
            raise
        try:
            reply = client.wait_for_reply(client.kc.execute("", silent=True, user_expressions={"c": CHART_SECONDS}))
            km.chart_seconds = _float(reply)
            client.wait_for_reply(client.kc.execute(RESET, silent=True))
        finally:
            client.kc.stop_channels()
        return nb


def _float(reply: dict | None) -> float | None:
    """The value of user expression "c" in an execute reply, if it evaluated to a number."""
    try:
        return float(reply["content"]["user_expressions"]["c"]["data"]["text/plain"])
    except (KeyError, TypeError, ValueError):
        return None


papermill_engines.register(WARM_ENGINE, WarmEngine)


papermill_engines.register(WARM_ENGINE, WarmEngine)
