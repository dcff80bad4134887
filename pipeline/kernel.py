"""The kernels papermill runs reports on: always this interpreter's ipykernel, and kept warm.

Own kernel: a notebook names its kernel ("python3"), and Jupyter resolves that name through
kernelspec folders where a user-level or system-wide "python3" pointing at another Python wins: the
classic "No such kernel" / wrong-environment trap. OwnKernelManager skips the lookup and launches
`sys.executable -m ipykernel_launcher`, i.e. the Python that runs the pipeline (the project's venv).

Warm kernel: starting a kernel and importing pandas, matplotlib and the pipeline costs about two
seconds, more than running the report's cells. A WarmKernel keeps one kernel per worker process and
runs report after report on it through papermill (engine "cchc-warm"), resetting the kernel's
namespace and execution count after each one, so every report starts from a clean namespace and its
executed notebook reads as papermill writes it on a fresh kernel. After a timeout or a dead kernel
the kernel is discarded and the next report gets a new one.
"""

from __future__ import annotations

import logging
import subprocess
import sys

import papermill
from jupyter_client import AsyncKernelManager
from jupyter_client.kernelspec import KernelSpec
from jupyter_core.utils import run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.exceptions import PapermillExecutionError

log = logging.getLogger(__name__)

WARM_ENGINE = "cchc-warm"
RESET = "get_ipython().reset(new_session=True, aggressive=False)"


def own_kernel_spec() -> KernelSpec:
    return KernelSpec(
        argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        display_name=f"Python {sys.version_info.major}.{sys.version_info.minor} (cchc-report)",
        language="python",
        metadata={"debugger": False},
    )


class OwnKernelManager(AsyncKernelManager):
    """Launches this interpreter's kernel with its stderr chatter discarded.

    Cell errors still reach the notebook (papermill records them); a kernel that dies is reported
    by nbclient as DeadKernelError.
    """

    async def _async_pre_start_kernel(self, **kwargs):
        kwargs.setdefault("stderr", subprocess.DEVNULL)
        return await super()._async_pre_start_kernel(**kwargs)

    @property
    def kernel_spec(self) -> KernelSpec:
        if self._kernel_spec is None:
            self._kernel_spec = own_kernel_spec()
        return self._kernel_spec


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
            client.wait_for_reply(client.kc.execute(RESET, silent=True))
        finally:
            client.kc.stop_channels()
        return nb


papermill_engines.register(WARM_ENGINE, WarmEngine)


class WarmKernel:
    """One kernel kept across reports, started on first use in `cwd`."""

    def __init__(self, cwd: str):
        self.cwd = cwd
        self.km: OwnKernelManager | None = None

    def _ensure(self) -> OwnKernelManager:
        if self.km is None or not run_sync(self.km.is_alive)():
            self.km = OwnKernelManager()
            run_sync(self.km.start_kernel)(cwd=self.cwd)
        return self.km

    def execute(self, input_path: str, output_path: str, parameters: dict, timeout: int) -> None:
        """papermill.execute_notebook on the warm kernel; raises what papermill raises."""
        km = self._ensure()
        try:
            papermill.execute_notebook(
                input_path,
                output_path,
                parameters=parameters,
                engine_name=WARM_ENGINE,
                km=km,
                progress_bar=False,
                request_save_on_cell_execute=False,
                execution_timeout=timeout,
            )
        except PapermillExecutionError:
            raise  # a cell raised: the kernel is fine and was reset
        except BaseException:
            self.discard()  # timed out, died or interrupted: its state is unknown
            raise

    def discard(self) -> None:
        if self.km is not None:
            try:
                run_sync(self.km.shutdown_kernel)(now=True)
            except Exception:  # already dead
                log.debug("kernel shutdown failed", exc_info=True)
            self.km = None
