"""The kernel papermill runs: always this interpreter's ipykernel.

A notebook names its kernel ("python3"), and Jupyter resolves that name through kernelspec folders
where a user-level or system-wide "python3" pointing at another Python wins: the classic
"No such kernel" / wrong-environment trap. This manager skips the lookup and launches
`sys.executable -m ipykernel_launcher`, i.e. the Python that runs the pipeline (the project's venv).
"""

from __future__ import annotations

import subprocess
import sys

from jupyter_client import AsyncKernelManager
from jupyter_client.kernelspec import KernelSpec


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
