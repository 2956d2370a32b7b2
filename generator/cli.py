"""The `portal` command: every subcommand works on a site root (mkdocs.yml + content/).

The site root is the current folder (or `-C THƯ_MỤC`) or, as git finds its repository, the
nearest folder above it that holds mkdocs.yml and content/: the commands work from
`content/van-ban/2025/` as well.

Exit codes: 0 success, 1 the content has errors, 2 the command was used wrongly (an unknown
option, a folder that does not exist, a busy port), 3 an internal error (a bug: reported in
Vietnamese, never as a bare traceback). When the reader of the output goes away
(`portal explain | head -1`), the command stops quietly with 141, 128 + SIGPIPE: the status a
shell reports for coreutils in the same place, so `set -o pipefail` scripts see the usual value.

Everything the editor reads is Vietnamese, argparse's own words included: its strings go through
gettext, and ``_vietnamese_argparse`` answers those look-ups while the parser is built and run.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from generator import __version__
from generator.diagnostics import Diagnostic, Severity
from generator.engine import DEFAULT_ENGINE, ENGINES, EngineUnavailable, display_name, select_engine
from generator.rules import RULES, explain
from generator.siteroot import CONFIG_FILE, CONTENT_DIR, NotASiteRoot, SiteRoot

# Each command imports what it needs when it runs: `portal check` starts on every save of an
# editor's file, and reading a whole site's pipeline (and MkDocs') it does not use cost it
# more than the check of a warm cache.

if TYPE_CHECKING:
    from generator.checkrun import CheckReport
    from generator.site import Site

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE

# argparse's own strings (its gettext message ids, Python 3.10 to 3.13), in Vietnamese.
_ARGPARSE_VI = {
    "usage: ": "Cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",  # Python 3.9's title, in case
    "show this help message and exit": "in hướng dẫn này rồi thoát",
    "show program's version number and exit": "in số phiên bản rồi thoát",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "giá trị %(value)r không hợp lệ (chọn một trong: %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "giá trị %(value)r không hợp lệ",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "không có lệnh %(parser_name)r (các lệnh: %(choices)s)"
    ),
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tùy chọn %(option)s không rõ: có thể là %(matches)s"
    ),
    "not allowed with argument %s": "không dùng được cùng tham số %s",
    "ignored explicit argument %r": "tham số không nhận giá trị: %r",
    "unexpected option string: %s": "tùy chọn không mong đợi: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi cách dùng: %(message)s\n",
    "%(prog)s: error: %(message)s": "%(prog)s: lỗi cách dùng: %(message)s",
    "error: %(message)s": "lỗi cách dùng: %(message)s",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
}


def _translate(message: str) -> str:
    return _ARGPARSE_VI.get(message, message)


def _translate_plural(singular: str, plural: str, count: int) -> str:
    return _translate(singular if count == 1 else plural)


@contextmanager
def _vietnamese_argparse() -> Iterator[None]:
    """Answer argparse's gettext look-ups in Vietnamese, only while our parser is in use.

    argparse calls the module-level names ``_`` and ``ngettext`` (gettext's) when it builds a
    parser (section titles, the -h help), formats help and reports an error; a message catalogue
    would need compiled .mo files, and patching for good would change other argparse users in
    the same process (pytest).
    """
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = _translate  # type: ignore[attr-defined]
    argparse.ngettext = _translate_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def _print_message(self, message: str, file: TextIO | None = None) -> None:
        # argparse swallows a failed write, so `portal --help | head -1` would end with 0 or
        # 141 depending on timing; let a closed pipe reach `main` like every other output.
        if message:
            (file or sys.stderr).write(message)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: lỗi cách dùng: {message}\n")


def _port(value: str) -> int:
    if value.isdigit() and int(value) <= 65535:
        return int(value)
    raise argparse.ArgumentTypeError(
        f"cổng phải là một số từ 1 đến 65535 (hoặc 0: tự chọn một cổng còn trống), "
        f"không phải '{value}'"
    )


def _year(value: str) -> int:
    if value.isdigit() and len(value) == 4:
        return int(value)
    raise argparse.ArgumentTypeError(f"năm phải có bốn chữ số, ví dụ 2025, không phải '{value}'")


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"ngày phải có dạng YYYY-MM-DD, ví dụ 2026-01-15, không phải '{value}'"
        ) from None


# Kept whole: the declaration of every command and option, in the order `portal --help`
# lists them; splitting it would only scatter the help texts.
def _parser() -> argparse.ArgumentParser:
    """The command line; build it inside ``_vietnamese_argparse``."""
    parser = _Parser(
        prog="portal",
        description="Kiểm tra, liên kết và xuất bản văn bản của Cổng thông tin điện tử "
        "Văn phòng UBND tỉnh Sơn La. Chạy trong thư mục của trang (nơi có mkdocs.yml và "
        "content/) hoặc một thư mục con của nó.",
        epilog="Xem hướng dẫn từng lệnh: portal LỆNH --help.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"portal {__version__}",
        help="in số phiên bản rồi thoát",
    )
    parser.add_argument(
        "-C",
        "--root",
        type=Path,
        default=None,
        metavar="THƯ_MỤC",
        help="chạy như khi đang ở THƯ_MỤC (mặc định: thư mục hiện tại); thư mục gốc của trang "
        "là THƯ_MỤC hoặc thư mục cha gần nhất có mkdocs.yml và content/",
    )
    commands = parser.add_subparsers(
        dest="command", metavar="LỆNH", parser_class=_Parser, title="các lệnh"
    )
    commands.required = True

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=summary, description=description)

    check = command(
        "check",
        "kiểm tra mọi văn bản trong content/",
        "Kiểm tra mọi tệp .md trong content/: thông tin văn bản, số ký hiệu, ngày, dẫn chiếu, "
        "HTML nguy hiểm, thông tin cá nhân. Mỗi lỗi in theo dạng tệp:dòng:cột: mức MÃ thông "
        "báo; `portal explain MÃ` giải thích từng mã. Mã thoát 1 khi có lỗi.",
    )
    check.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text: cho người đọc (mặc định); json: cho công cụ khác (UTF-8); github: chú thích "
        "trên GitHub Actions",
    )
    check.add_argument(
        "--strict", action="store_true", help="coi cảnh báo như lỗi (mã thoát 1 khi có cảnh báo)"
    )

    build_cmd = command(
        "build",
        "kiểm tra rồi dựng trang công khai vào site/ (không ghi gì khi có lỗi)",
        "Kiểm tra nội dung rồi dựng trang công khai bằng MkDocs. Khi nội dung có lỗi thì không "
        "ghi gì và trang cũ giữ nguyên; bản nháp và văn bản chưa đến ngày publish_at không bao "
        "giờ xuất hiện trên trang công khai.",
    )
    build_cmd.add_argument(
        "--drafts", action="store_true", help="dựng cả bản nháp, có dấu BẢN NHÁP (để xem trước)"
    )
    build_cmd.add_argument(
        "--as-of",
        type=_iso_date,
        default=None,
        metavar="NGÀY",
        help="ngày dựng trang, dạng YYYY-MM-DD: văn bản có publish_at sau NGÀY bị giữ lại "
        "(mặc định: hôm nay)",
    )
    build_cmd.add_argument(
        "--site-dir",
        type=Path,
        default=Path("site"),
        metavar="THƯ_MỤC",
        help="thư mục kết quả, tính từ thư mục gốc của trang (mặc định: site)",
    )
    build_cmd.add_argument(
        "--force",
        action="store_true",
        help="thay cả một thư mục kết quả không do portal dựng (không bao giờ thay content/, "
        "overrides/, .git hay thư mục gốc)",
    )
    build_cmd.add_argument(
        "--engine",
        choices=sorted(ENGINES),
        default=DEFAULT_ENGINE,
        help="bộ dựng trang: mkdocs (mặc định) hoặc properdocs, bản kế tục MkDocs 1.x được "
        "duy trì (cài bằng pip install -e '.[properdocs]')",
    )

    new_cmd = command(
        "new",
        "tạo bản nháp văn bản mới với đủ các khóa cần điền",
        "Tạo một tệp bản nháp trong content/van-ban/NĂM/ với đủ các khóa cần điền và gợi ý số "
        "tiếp theo còn trống của sổ văn bản; in đường dẫn tệp mới. Không bao giờ ghi đè tệp "
        "đã có.",
    )
    new_cmd.add_argument(
        "type",
        metavar="LOẠI",
        help="loại văn bản: plan, agenda, notice, conclusion, report... (xem portal explain M006)",
    )
    new_cmd.add_argument(
        "--title",
        required=True,
        metavar="TRÍCH_YẾU",
        help="trích yếu, không ghi tên loại văn bản",
    )
    new_cmd.add_argument(
        "--references", nargs="+", default=[], metavar="SỐ", help="số ký hiệu văn bản căn cứ"
    )
    new_cmd.add_argument("--plan", metavar="SỐ", help="số ký hiệu kế hoạch mà văn bản thực hiện")

    fix_cmd = command(
        "fix",
        "sửa tự động các lỗi an toàn (BOM, NFC, số 0 đầu số ký hiệu, dấu cách cuối dòng)",
        "In ra (dạng diff) các sửa đổi an toàn: ký tự BOM, chữ chưa ở dạng dựng sẵn (NFC), số "
        "nhỏ hơn 10 thiếu số 0, dấu cách thừa cuối dòng. Chỉ ghi vào tệp khi có --write; tệp "
        "không phải UTF-8 không bao giờ bị sửa.",
    )
    fix_cmd.add_argument("--write", action="store_true", help="ghi các sửa đổi vào tệp")

    serve_cmd = command(
        "serve",
        "xem trước tại máy (có bản nháp và lỗi trên trang), tự cập nhật khi lưu tệp",
        "Chạy bản xem trước tại http://127.0.0.1:CỔNG/: có bản nháp, lỗi hiện ngay trên trang "
        "văn bản, trang tự cập nhật khi lưu tệp. Dừng bằng Ctrl+C.",
    )
    serve_cmd.add_argument(
        "--port",
        type=_port,
        default=8000,
        metavar="CỔNG",
        help="cổng, từ 1 đến 65535; 0 để tự chọn một cổng còn trống (mặc định: 8000)",
    )
    serve_cmd.add_argument(
        "--engine",
        choices=sorted(ENGINES),
        default=DEFAULT_ENGINE,
        help="bộ dựng trang: mkdocs (mặc định) hoặc properdocs, bản kế tục MkDocs 1.x được "
        "duy trì (cài bằng pip install -e '.[properdocs]')",
    )

    diff_cmd = command(
        "diff",
        "các trang công khai mà một thay đổi (git) thêm, sửa, gỡ, chuyển địa chỉ",
        "So sánh trang công khai dựng từ hai phiên bản trong git: các trang được thêm, thay "
        "đổi, gỡ và chuyển địa chỉ. Bản nháp không bao giờ được liệt kê.",
    )
    diff_cmd.add_argument("base", metavar="GỐC", help="phiên bản gốc trong git, ví dụ origin/main")
    diff_cmd.add_argument(
        "head",
        nargs="?",
        metavar="MỚI",
        help="phiên bản mới trong git (mặc định: các tệp hiện có trong thư mục)",
    )
    diff_cmd.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="text: cho người đọc (mặc định); markdown: để dán vào bình luận pull request; "
        "json: cho công cụ khác (UTF-8)",
    )

    show_cmd = command(
        "show",
        "xem thông tin một văn bản và các văn bản liên quan, ví dụ 340/TB-VPUB",
        "In thông tin một văn bản, các văn bản nó căn cứ, các văn bản dẫn chiếu nó và, với kế "
        "hoạch, tiến trình thực hiện.",
    )
    show_cmd.add_argument("number", metavar="SỐ", help="số ký hiệu, ví dụ 74/KH-VPUB")
    show_cmd.add_argument(
        "--year", type=_year, metavar="NĂM", help="năm ban hành, khi số trùng giữa các năm"
    )

    digest_cmd = command(
        "digest",
        "viết báo cáo tổng hợp kiến nghị, phản ánh hằng tháng (bản nháp)",
        "Tổng hợp kiến nghị, phản ánh (type: petition) từ ngày 20 tháng trước đến ngày 19 của "
        "THÁNG: số lượng theo kênh, lĩnh vực, tình trạng; danh sách kiến nghị tiếp nhận, đã trả "
        "lời, đã chuyển, quá hạn. Ghi thành một báo cáo bản nháp trong content/van-ban/NĂM/ "
        "(và với --format docx, thêm tệp Word trong bao-cao/ để trình ký). Không bao giờ ghi "
        "đè tệp đã có; chạy lại với cùng nội dung cho cùng kết quả.",
    )
    digest_cmd.add_argument(
        "--month",
        required=True,
        type=_month,
        metavar="YYYY-MM",
        help="tháng báo cáo, ví dụ 2025-09",
    )
    digest_cmd.add_argument(
        "--from",
        dest="start",
        type=_day,
        metavar="NGÀY",
        help="ngày đầu kỳ, dạng YYYY-MM-DD (mặc định: ngày 20 tháng trước)",
    )
    digest_cmd.add_argument(
        "--to",
        dest="end",
        type=_day,
        metavar="NGÀY",
        help="ngày cuối kỳ, dạng YYYY-MM-DD (mặc định: ngày 19 của THÁNG)",
    )
    digest_cmd.add_argument(
        "--format",
        choices=("markdown", "docx"),
        default="markdown",
        help="markdown: chỉ báo cáo trong content/ (mặc định); docx: thêm bản Word",
    )

    command(
        "schema",
        "in JSON Schema của phần thông tin, cho trình soạn thảo gợi ý và kiểm tra khi gõ",
        "In JSON Schema (draft-07) của phần thông tin đầu tệp, lấy từ chính các khóa mà "
        "`portal check` đọc, để trình soạn thảo (VS Code...) gợi ý khóa và báo lỗi khi gõ.",
    )

    explain_cmd = command(
        "explain",
        "giải thích một mã lỗi, ví dụ M002",
        "Giải thích một mã lỗi: là gì, vì sao, cách sửa, ví dụ sai và đúng. Bỏ trống MÃ để liệt "
        "kê mọi mã.",
    )
    explain_cmd.add_argument("code", nargs="?", metavar="MÃ", help="mã lỗi, ví dụ N002")
    return parser


def find_site_root(start: Path | None) -> Path:
    """The site root for a command run in ``start`` (default: the current folder).

    Like git, the nearest folder from ``start`` upwards that holds mkdocs.yml and content/.
    """
    try:
        folder = Path.cwd() if start is None else start
    except FileNotFoundError:
        raise NotASiteRoot("Thư mục hiện tại không còn tồn tại (đã bị xóa hoặc đổi tên).") from None
    try:
        if not folder.exists():
            raise NotASiteRoot(f"Thư mục {folder} không tồn tại.")
        if not folder.is_dir():
            raise NotASiteRoot(f"{folder} không phải một thư mục.")
        resolved = folder.resolve()
        for candidate in (resolved, *resolved.parents):
            if SiteRoot(candidate).is_site_root():
                return candidate
        layout = SiteRoot(resolved)
        missing = layout.missing()
        has = [n for n in (layout.config_name, layout.content_name) if n not in missing]
    except OSError as error:  # a folder we may not enter
        raise NotASiteRoot(f"Không đọc được thư mục {folder}: {error.strerror or error}.") from None
    found = f" ({folder} chỉ có {has[0]})" if has else ""
    raise NotASiteRoot(
        f"Không tìm thấy thư mục gốc của trang (thư mục chứa cả {CONFIG_FILE} và "
        f"{CONTENT_DIR}/) ở {folder} hay các thư mục cha của nó{found}. Chạy lệnh trong thư "
        "mục của trang, hoặc chỉ định bằng `portal -C THƯ_MỤC ...`."
    )


def main(argv: Sequence[str] | None = None) -> int:
    # Started with a stream closed (`portal explain >&-`): Python leaves it None.
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() != "utf-8":
            stream.reconfigure(encoding="utf-8", errors="replace")
    try:
        try:
            code = _main(argv)
        except SystemExit as stop:  # argparse's --help, --version and usage errors
            code = stop.code if isinstance(stop.code, int) else EXIT_USAGE
        # Output that fit in the buffer reaches a closed pipe only here: flush while we can
        # still end quietly, not in the interpreter's own flush at exit.
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        _discard_output()
        return EXIT_BROKEN_PIPE


def _discard_output() -> None:
    """Point stdout and stderr at /dev/null, so nothing more is written to a closed pipe.

    What is left in the buffers would otherwise be flushed at exit and fail again, loudly.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):
            pass  # not a real file (tests capture output): nothing will be flushed to a pipe


def _main(argv: Sequence[str] | None) -> int:
    with _vietnamese_argparse():
        args = _parser().parse_args(argv)
    commands: dict[str, Callable[[argparse.Namespace], int]] = {
        "check": _check,
        "explain": lambda a: _explain(a.code),
        "build": _build,
        "new": _new,
        "fix": lambda a: _fix(a.root, a.write),
        "serve": lambda a: _serve(a.root, a.port, a.engine),
        "diff": _diff,
        "show": lambda a: _show(a.root, a.number, a.year),
        "digest": _digest,
        "schema": lambda a: _schema(),
    }
    try:
        if args.command not in ("explain", "schema"):  # the commands that need no site
            args.root = find_site_root(args.root)
        return commands[args.command](args)
    except NotASiteRoot as error:
        print(f"portal: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        raise  # the reader went away: `main` ends quietly
    except Exception:  # the last guard: a bug must not greet an editor as a traceback
        print(
            "portal: lỗi nội bộ của chương trình (không phải lỗi của văn bản). Hãy gửi nội dung "
            "dưới đây cho bộ phận kỹ thuật:",
            file=sys.stderr,
        )
        import traceback  # only here: its import is ~5 ms of every start

        print(traceback.format_exc(limit=-3), file=sys.stderr)
        return EXIT_INTERNAL


def _check(args: argparse.Namespace) -> int:
    # A check is a short run that builds tens of thousands of objects (its modules, its
    # snapshot's registry) and no cycles worth collecting: the cyclic collector would scan
    # them again and again (a tenth of a check after one edit). It is paused for the check.
    collecting = gc.isenabled()
    gc.disable()
    try:
        from generator.checkrun import check_root

        site = check_root(args.root)
    finally:
        if collecting:
            gc.enable()
    if args.format == "json":
        print_json(site, sys.stdout)
    elif args.format == "github":
        print_github(site.diagnostics, sys.stdout)
    else:
        print_text(site, sys.stdout, color=_wants_color(sys.stdout))
    failing = site.errors or (args.strict and site.warnings)
    return EXIT_ERRORS if failing else EXIT_OK


def _month(value: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        raise argparse.ArgumentTypeError(
            f"tháng phải ghi dạng YYYY-MM, ví dụ 2025-09, không phải {value!r}"
        )
    return value


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"ngày phải ghi dạng YYYY-MM-DD, ví dụ 2025-09-19, không phải {value!r}"
        ) from None


def _digest(args: argparse.Namespace) -> int:
    from generator.digest import (
        docx_path,
        make_digest,
        period_of,
        render_docx,
        render_markdown,
        report_path,
    )
    from generator.petitions import load_config, site_url, url_scheme
    from generator.site import read_site

    start, end = period_of(args.month)
    start, end = args.start or start, args.end or end
    if end < start:
        print(
            f"portal: kỳ báo cáo kết thúc ({end:%d/%m/%Y}) trước khi bắt đầu ({start:%d/%m/%Y}).",
            file=sys.stderr,
        )
        return EXIT_USAGE
    site = read_site(args.root)
    config, url, urls = load_config(args.root), site_url(args.root), url_scheme(args.root)
    digest = make_digest(site, start, end, config, url, urls)
    outputs = [(report_path(site.layout, args.month), render_markdown(digest, args.month).encode())]
    if args.format == "docx":
        outputs.append((docx_path(args.root, args.month), render_docx(digest)))
    clashes = [path for path, data in outputs if path.exists() and path.read_bytes() != data]
    if clashes:
        for path in clashes:
            print(
                f"portal: đã có {path.relative_to(args.root)} với nội dung khác (có thể đã được "
                "sửa): không ghi đè. Đổi tên hoặc xóa tệp đó để tạo lại.",
                file=sys.stderr,
            )
        return EXIT_ERRORS
    for path, data in outputs:
        relative_path = path.relative_to(args.root)
        if path.exists():
            print(f"{relative_path} (đã có, không thay đổi)")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "xb") as stream:  # never over a file made meanwhile
            stream.write(data)
        print(relative_path)
    print(
        f"Kỳ {start:%d/%m/%Y}–{end:%d/%m/%Y}: tiếp nhận {len(digest.received)}, trả lời "
        f"{len(digest.answered)}, chuyển {len(digest.forwarded)}, quá hạn {len(digest.overdue)}."
    )
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    from generator.build import BuildFailed, UnsafeTarget, build_site, check_target
    from generator.site import read_site

    root = args.root.resolve()
    site_dir = args.site_dir if args.site_dir.is_absolute() else root / args.site_dir
    try:
        check_target(root, site_dir, args.force)  # before the long read, not after
        select_engine(args.engine)  # likewise: an engine that is not installed
    except (UnsafeTarget, EngineUnavailable) as error:
        print(f"portal: {error}", file=sys.stderr)
        return EXIT_USAGE
    site = read_site(args.root)
    if site.diagnostics:
        print_text(site, sys.stderr, color=_wants_color(sys.stderr))
    if site.errors:
        print(
            "portal: nội dung có lỗi nên không dựng trang; trang cũ được giữ nguyên.",
            file=sys.stderr,
        )
        return EXIT_ERRORS
    as_of = args.as_of or date.today()
    try:
        build_site(root, site, site_dir, args.drafts, as_of, args.force, args.engine)
    except (UnsafeTarget, EngineUnavailable) as error:
        print(f"portal: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BuildFailed as error:
        print(
            f"portal: {display_name(args.engine)} dừng lại ({error}); xem thông báo "
            f"`{args.engine}:` ở trên, thường là lỗi trong mkdocs.yml. Trang cũ được giữ nguyên.",
            file=sys.stderr,
        )
        return EXIT_ERRORS
    shown = "kể cả bản nháp" if args.drafts else "không gồm bản nháp"
    print(f"Đã dựng trang vào {args.site_dir} (ngày {as_of:%d/%m/%Y}, {shown}).")
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from generator.scaffold import ScaffoldError, make_draft
    from generator.site import read_site

    site = read_site(args.root, bodies=False)
    try:
        draft = make_draft(
            site.layout,
            site.registry,
            args.type,
            args.title,
            args.references,
            args.plan,
            date.today(),
        )
    except ScaffoldError as error:
        print(f"portal: {error}", file=sys.stderr)
        return EXIT_USAGE
    draft.path.parent.mkdir(parents=True, exist_ok=True)
    with draft.path.open("x", encoding="utf-8") as stream:  # never overwrite an editor's file
        stream.write(draft.text)
    print(_shown_path(draft.path))
    return EXIT_OK


def _shown_path(path: Path) -> str:
    """A path as the editor can type it from where the command ran: relative inside the
    current folder (`portal new` run in content/van-ban/2026/ prints just the file name)."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _fix(root: Path, write_files: bool) -> int:
    from generator.fix import find_fixes, write

    fixes, skipped = find_fixes(root)
    for relpath in skipped:
        print(
            f"{relpath}: không phải UTF-8, không sửa tự động (xem `portal check`).", file=sys.stderr
        )
    if not fixes:
        print("Không có gì cần sửa tự động.")
        return EXIT_OK
    for fix in fixes:
        if write_files:
            write(fix)
        else:
            sys.stdout.write(fix.diff())
    if write_files:
        print(f"Đã sửa {len(fixes)} tệp.")
        return EXIT_OK
    print(
        f"{len(fixes)} tệp có thể sửa tự động; chạy `portal fix --write` để ghi.", file=sys.stderr
    )
    return EXIT_ERRORS


def _serve(root: Path, port: int, engine: str = DEFAULT_ENGINE) -> int:
    from generator.build import BuildFailed, PortUnavailable, serve_preview

    def announce(url: str) -> None:
        print(f"Bản xem trước: {url} (Ctrl+C để dừng)", file=sys.stderr, flush=True)

    try:
        serve_preview(root, port, announce, engine)
    except (PortUnavailable, EngineUnavailable) as error:
        print(f"portal: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BuildFailed as error:
        print(
            f"portal: {display_name(engine)} dừng lại ({error}); xem thông báo `{engine}:` ở "
            "trên, thường là lỗi trong mkdocs.yml.",
            file=sys.stderr,
        )
        return EXIT_ERRORS
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from generator.diff import DiffError, as_markdown, as_text, diff

    try:
        changes = diff(args.root, args.base, args.head, date.today())
    except DiffError as error:
        print(f"portal: không so sánh được với git: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        json.dump(changes, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(as_markdown(changes) if args.format == "markdown" else as_text(changes))
    return EXIT_OK


def _show(root: Path, number: str, year: int | None) -> int:
    from generator.graph import Graph
    from generator.show import show
    from generator.site import read_site

    site = read_site(root, bodies=False)
    found = [
        d
        for d in site.registry.candidates(number)
        if year is None or (d.issued is not None and d.issued.year == year)
    ]
    if not found:
        close = site.registry.suggest(number)
        hint = f" Có phải là {close}?" if close else ""
        print(f"portal: không có văn bản số {number}.{hint}", file=sys.stderr)
        return EXIT_ERRORS
    graph = Graph(site.documents, site.registry)
    print("\n\n".join(show(document, graph) for document in found))
    return EXIT_OK


def _schema() -> int:
    from generator.schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def _explain(code: str | None) -> int:
    if code is None:
        for rule in RULES.values():
            fixable = " (portal fix sửa được)" if rule.fixable else ""
            print(f"{rule.code}  {rule.severity.label:<9} {rule.title}{fixable}")
        return EXIT_OK
    rule = RULES.get(code.upper())
    if rule is None:
        message = f"portal: không có mã `{code}`. Chạy `portal explain` để xem mọi mã."
        print(message, file=sys.stderr)
        return EXIT_USAGE
    print(explain(rule.code))
    return EXIT_OK


# -- output formats ------------------------------------------------------------------------


def document_count(site: Site | CheckReport) -> int:
    """Markdown files that are documents: everything but plain pages, unreadable files included."""
    return site.files - site.page_count


def print_json(site: Site | CheckReport, out: TextIO) -> None:
    payload = {
        "documents": document_count(site),
        "diagnostics": [d.as_json() for d in site.diagnostics],
    }
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _github_escape(value: str, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def print_github(diagnostics: list[Diagnostic], out: TextIO) -> None:
    for d in diagnostics:
        level = "error" if d.severity is Severity.ERROR else "warning"
        props = [f"file={_github_escape(d.file, True)}", f"line={d.line}"]
        if d.column is not None:
            props.append(f"col={d.column}")
        props.append(f"title={_github_escape(d.code + ' ' + RULES[d.code].name, True)}")
        out.write(f"::{level} {','.join(props)}::{_github_escape(d.message)}\n")


def _wants_color(out: TextIO) -> bool:
    return out.isatty() and "NO_COLOR" not in os.environ


def print_text(site: Site | CheckReport, out: TextIO, color: bool = False) -> None:
    paint = {
        Severity.ERROR: ("\033[31m", "\033[0m") if color else ("", ""),
        Severity.WARNING: ("\033[33m", "\033[0m") if color else ("", ""),
    }
    for d in site.diagnostics:
        start, end = paint[d.severity]
        where = f"{d.file}:{d.line}" + (f":{d.column}" if d.column else "")
        message = d.message.replace("\n", "\n    ")
        out.write(f"{where}: {start}{d.severity.label} {d.code}{end} {message}\n")
    errors, warnings = len(site.errors), len(site.warnings)
    summary = f"Đã kiểm tra {document_count(site)} văn bản và {site.page_count} trang: "
    if not errors and not warnings:
        summary += "không có lỗi."
    else:
        summary += f"{errors} lỗi, {warnings} cảnh báo."
        if errors:
            summary += " Xem giải thích từng mã: portal explain MÃ."
    out.write(summary + "\n")


if __name__ == "__main__":
    sys.exit(main())
