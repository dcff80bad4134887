import atexit
import gc
import sys

# Run last, at exit: the interpreter's final collection walks every object a build made (frames, parsed pages,
# fonts), 0.8 s after a one-report build, for memory the system takes back anyway. Frozen objects are skipped.
atexit.register(gc.freeze)

from .cli import main  # noqa: E402

sys.exit(main())
