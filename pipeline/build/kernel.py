"""The kernels papermill runs reports on: always this interpreter's ipykernel, and kept warm.

Own kernel: a notebook names its kernel ("python3"), and Jupyter resolves that name through
kernelspec folders where a user-level or system-wide "python3" pointing at another Python wins: the
classic "No such kernel" / wrong-environment trap. OwnKernelManager skips the lookup and launches
`sys.executable -m ipykernel_launcher`, i.e. the Python that runs the pipeline (the project's venv).

Warm kernel: starting a kernel and importing pandas, matplotlib and the pipeline costs about two
seconds, more than running the report's cells. A WarmKernel keeps one kernel per worker process and
runs report after report on it through papermill (engine "cchc-warm", pipeline/engine.py), resetting the kernel's
namespace and execution count after each one, so every report starts from a clean namespace and its
executed notebook reads as papermill writes it on a fresh kernel. After a timeout or a dead kernel
the kernel is discarded and the next report gets a new one.

Ends with its parent: a kernel exits when the process that started it (a build's worker, or the build with
--jobs 1) is gone, even killed outright. jupyter_client's launcher tells the kernel its parent in the
environment, JPY_PARENT_PID (the pid on POSIX, an inheritable process handle on Windows; not for an
`independent` kernel), and ipykernel's IPKernelApp.parent_handle reads it and starts its parent poller:
ParentPollerUnix checks once a second whether the kernel's parent pid has changed (it was re-parented),
ParentPollerWindows waits on the handle; either ends the kernel at once. So nothing here starts a poller of
its own. The poller starts after the kernel's initialisation (PRELOAD, about two seconds): a parent gone
before that is seen only if the kernel is re-parented to pid 1, which a subreaper such as `systemd --user`
prevents; a worker whose build is gone kills its kernel itself (`kill`), so this is left only for a
worker, or a --jobs 1 build, killed in its first seconds on such a machine.
"""

from __future__ import annotations

import logging
import subprocess
import sys

from jupyter_client import AsyncKernelManager
from jupyter_client.kernelspec import KernelSpec
from jupyter_core.utils import run_sync

# papermill (with nbformat and jsonschema, over a second to import) comes with pipeline/engine.py, when a
# notebook is first run: a kernel is started before that, so that it imports while the data is prepared.

log = logging.getLogger(__name__)

# Run by a build's kernel as it starts, before it answers: the report's imports (pandas, matplotlib,
# pipeline.notebook.report and the charts it draws) are paid while the build prepares the data, not by the
# notebook's first cells. The names are deleted again, so the notebook starts from an empty namespace.
PRELOAD = [
    "import pipeline.notebook.report as _cchc_preload",
    "import pipeline.write.charts as _cchc_preload_charts",
    "del _cchc_preload, _cchc_preload_charts",
]


def own_kernel_spec(preload: list[str] | None = None) -> KernelSpec:
    lines = [f"--IPKernelApp.exec_lines={line}" for line in preload or []]
    return KernelSpec(
        argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}", *lines],
        display_name=f"Python {sys.version_info.major}.{sys.version_info.minor} (cchc-report)",
        language="python",
        metadata={"debugger": False},
    )


class OwnKernelManager(AsyncKernelManager):
    """Launches this interpreter's kernel with its stderr chatter discarded.

    Cell errors still reach the notebook (papermill records them); a kernel that dies is reported
    by nbclient as DeadKernelError.
    """

    preload: list[str] | None = None  # a build's kernels: PRELOAD
    chart_seconds: float | None = None  # of the last notebook run on this kernel (WarmEngine)

    async def _async_pre_start_kernel(self, **kwargs):
        kwargs.setdefault("stderr", subprocess.DEVNULL)
        return await super()._async_pre_start_kernel(**kwargs)

    @property
    def kernel_spec(self) -> KernelSpec:
        if self._kernel_spec is None:
            self._kernel_spec = own_kernel_spec(self.preload)
        return self._kernel_spec


class WarmKernel:
    """One kernel kept across reports in `cwd`, started by `start()` or on first use.

    The kernel imports the report's modules as it starts (PRELOAD): started before the data is
    prepared, it does those imports on another core while the build prepares the data and imports its
    own (docs/benchmarks.md has what a cold first report still costs).
    """

    def __init__(self, cwd: str):
        self.cwd = cwd
        self.km: OwnKernelManager | None = None

    def start(self) -> WarmKernel:
        """Start the kernel now, without waiting for it to be ready (papermill waits, later). A kernel that
        cannot start is tried again by `execute`, where its error fails a report, not the build."""
        try:
            self._ensure()
        except Exception:
            log.debug("kernel start failed; retried when a notebook runs", exc_info=True)
            self.km = None
        return self

    @property
    def chart_seconds(self) -> float | None:
        """Seconds the last report run on this kernel spent drawing charts (None if unknown)."""
        return self.km.chart_seconds if self.km is not None else None

    def _ensure(self) -> OwnKernelManager:
        if self.km is None or not run_sync(self.km.is_alive)():
            self.km = OwnKernelManager()
            self.km.preload = PRELOAD
            run_sync(self.km.start_kernel)(cwd=self.cwd)
        return self.km

    def execute(self, input_path: str, output_path: str, parameters: dict, timeout: int) -> None:
        """papermill.execute_notebook on the warm kernel; raises what papermill raises."""
        import papermill
        from papermill.exceptions import PapermillExecutionError

        from .engine import WARM_ENGINE

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

    def kill(self) -> None:
        """Kill the kernel's process now, from any thread and without its event loop: for a worker whose
        build is gone (build/run.py), which exits right after."""
        process = getattr(self.km.provisioner, "process", None) if self.km is not None else None
        if process is not None:
            process.kill()  # subprocess.Popen: nothing to do if it has ended

    def discard(self) -> None:
        if self.km is not None:
            try:
                run_sync(self.km.shutdown_kernel)(now=True)
            except Exception:  # already dead
                log.debug("kernel shutdown failed", exc_info=True)
            self.km = None
