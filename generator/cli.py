"""The `portal` command: every subcommand runs from a site root (mkdocs.yml + content/).

Exit codes: 0 success, 1 the content has errors, 2 the command was used wrongly, 3 an internal
error (a bug: reported in Vietnamese, never as a bare traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import traceback
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn, TextIO

from generator import __version__
from generator.diagnostics import Diagnostic, Severity
from generator.fix import find_fixes, write
from generator.graph import Graph
from generator.rules import RULES, explain
from generator.scaffold import ScaffoldError, make_draft
from generator.schema import schema_text
from generator.show import show
from generator.site import NotASiteRoot, Site, read_site, require_site_root

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

# argparse speaks English; editors read Vietnamese.
_ARGPARSE_MESSAGES = [
    (
        r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)",
        r"tham số \1: giá trị \2 không hợp lệ (chọn một trong: \3)",
    ),
    (r"unrecognized arguments: (.+)", r"không hiểu tham số: \1"),
    (r"the following arguments are required: (.+)", r"thiếu tham số bắt buộc: \1"),
    (r"argument (\S+): expected one argument", r"tham số \1 cần một giá trị"),
    (r"argument (\S+): invalid (\w+) value: (.+)", r"tham số \1: giá trị \3 không hợp lệ"),
    (r"argument (\S+): (ngày .+)", r"tham số \1: \2"),
]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        for pattern, replacement in _ARGPARSE_MESSAGES:
            message = re.sub(pattern, replacement, message)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"portal: lỗi cách dùng: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="portal",
        description="Kiểm tra, liên kết và xuất bản văn bản của Cổng thông tin điện tử "
        "Văn phòng UBND tỉnh Sơn La. Chạy trong thư mục chứa mkdocs.yml và content/.",
    )
    parser.add_argument("--version", action="version", version=f"portal {__version__}")
    parser.add_argument(
        "-C",
        "--root",
        type=Path,
        default=Path("."),
        help="thư mục gốc của trang (mặc định: thư mục hiện tại)",
    )
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)
    commands.required = True

    check = commands.add_parser("check", help="kiểm tra mọi văn bản trong content/")
    check.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text: cho người đọc; json: cho công cụ khác; github: chú thích GitHub Actions",
    )
    check.add_argument(
        "--strict", action="store_true", help="coi cảnh báo như lỗi (mã thoát 1 khi có cảnh báo)"
    )

    build_cmd = commands.add_parser(
        "build", help="kiểm tra rồi dựng trang công khai vào site/ (không ghi gì khi có lỗi)"
    )
    build_cmd.add_argument(
        "--drafts", action="store_true", help="dựng cả bản nháp, có dấu BẢN NHÁP (xem trước)"
    )
    build_cmd.add_argument(
        "--as-of",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="ngày dựng trang: văn bản có publish_at sau ngày này bị giữ lại (mặc định: hôm nay)",
    )
    build_cmd.add_argument(
        "--site-dir", type=Path, default=Path("site"), help="thư mục kết quả (mặc định: site)"
    )

    new_cmd = commands.add_parser("new", help="tạo bản nháp văn bản mới với đủ các khóa cần điền")
    new_cmd.add_argument("type", help="loại văn bản: plan, agenda, notice, conclusion, report...")
    new_cmd.add_argument("--title", required=True, help="trích yếu, không ghi tên loại văn bản")
    new_cmd.add_argument(
        "--references", nargs="+", default=[], metavar="SỐ", help="số ký hiệu văn bản căn cứ"
    )
    new_cmd.add_argument("--plan", metavar="SỐ", help="kế hoạch mà văn bản này thực hiện")

    fix_cmd = commands.add_parser(
        "fix",
        help="sửa tự động các lỗi an toàn (BOM, NFC, số 0 đầu số ký hiệu, dấu cách cuối dòng)",
    )
    fix_cmd.add_argument("--write", action="store_true", help="ghi thay đổi vào tệp")

    serve_cmd = commands.add_parser(
        "serve", help="xem trước tại máy (có bản nháp và lỗi trên trang), tự cập nhật khi lưu tệp"
    )
    serve_cmd.add_argument("--port", type=int, default=8000, help="cổng (mặc định: 8000)")

    diff_cmd = commands.add_parser(
        "diff", help="các trang công khai mà một thay đổi (git) thêm, sửa, gỡ, chuyển địa chỉ"
    )
    diff_cmd.add_argument("base", help="phiên bản gốc trong git, ví dụ origin/main")
    diff_cmd.add_argument("head", nargs="?", help="phiên bản mới (mặc định: thư mục hiện tại)")
    diff_cmd.add_argument("--format", choices=("text", "markdown", "json"), default="text")

    show_cmd = commands.add_parser(
        "show", help="xem thông tin một văn bản và các văn bản liên quan, ví dụ 340/TB-VPUB"
    )
    show_cmd.add_argument("number", help="số ký hiệu, ví dụ 74/KH-VPUB")
    show_cmd.add_argument("--year", type=int, help="năm ban hành, khi số trùng giữa các năm")

    commands.add_parser(
        "schema",
        help="in JSON Schema của phần thông tin, cho trình soạn thảo gợi ý và kiểm tra khi gõ",
    )

    explain_cmd = commands.add_parser("explain", help="giải thích một mã lỗi, ví dụ M002")
    explain_cmd.add_argument("code", nargs="?", help="mã lỗi; bỏ trống để liệt kê mọi mã")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() != "utf-8":
            stream.reconfigure(encoding="utf-8", errors="replace")
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "explain":
            return _explain(args.code)
        if args.command == "build":
            return _build(args)
        if args.command == "new":
            return _new(args)
        if args.command == "fix":
            return _fix(args.root, args.write)
        if args.command == "serve":
            return _serve(args.root, args.port)
        if args.command == "diff":
            return _diff(args)
        if args.command == "show":
            return _show(args.root, args.number, args.year)
        if args.command == "schema":
            sys.stdout.write(schema_text())
            return EXIT_OK
    except NotASiteRoot as error:
        print(f"portal: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception:  # the last guard: a bug must not greet an editor as a traceback
        print(
            "portal: lỗi nội bộ của chương trình (không phải lỗi của văn bản). Hãy gửi nội dung "
            "dưới đây cho bộ phận kỹ thuật:",
            file=sys.stderr,
        )
        print(traceback.format_exc(limit=-3), file=sys.stderr)
        return EXIT_INTERNAL
    return EXIT_USAGE


def _check(args: argparse.Namespace) -> int:
    site = read_site(args.root, bodies=False)
    if args.format == "json":
        print_json(site, sys.stdout)
    elif args.format == "github":
        print_github(site.diagnostics, sys.stdout)
    else:
        print_text(site, sys.stdout, color=_wants_color(sys.stdout))
    failing = site.errors or (args.strict and site.warnings)
    return EXIT_ERRORS if failing else EXIT_OK


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày '{value}' phải có dạng YYYY-MM-DD") from None


def _build(args: argparse.Namespace) -> int:
    site = read_site(args.root)
    if site.diagnostics:
        print_text(site, sys.stderr, color=_wants_color(sys.stderr))
    if site.errors:
        print(
            "portal: nội dung có lỗi nên không dựng trang; trang cũ được giữ nguyên.",
            file=sys.stderr,
        )
        return EXIT_ERRORS
    from generator.build import BuildFailed, build_site

    as_of = args.as_of or date.today()
    try:
        build_site(args.root.resolve(), site, args.site_dir, args.drafts, as_of)
    except BuildFailed as error:
        print(
            f"portal: MkDocs dừng lại ({error}); xem thông báo `mkdocs:` ở trên, thường là lỗi "
            "trong mkdocs.yml. Trang cũ được giữ nguyên.",
            file=sys.stderr,
        )
        return EXIT_ERRORS
    shown = "kể cả bản nháp" if args.drafts else "không gồm bản nháp"
    print(f"Đã dựng trang vào {args.site_dir} (ngày {as_of:%d/%m/%Y}, {shown}).")
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    site = read_site(args.root, bodies=False)
    try:
        draft = make_draft(
            args.root,
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
    print(
        draft.path.relative_to(args.root).as_posix() if not args.root.is_absolute() else draft.path
    )
    return EXIT_OK


def _fix(root: Path, write_files: bool) -> int:
    require_site_root(root)
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


def _serve(root: Path, port: int) -> int:
    require_site_root(root)
    from generator.build import serve_preview

    print(f"Bản xem trước: http://127.0.0.1:{port}/ (Ctrl+C để dừng)", file=sys.stderr)
    serve_preview(root, port)
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    require_site_root(args.root)
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


def _explain(code: str | None) -> int:
    if code is None:
        for rule in RULES.values():
            print(f"{rule.code}  {rule.severity.label:<9} {rule.title}")
        return EXIT_OK
    rule = RULES.get(code.upper())
    if rule is None:
        message = f"portal: không có mã `{code}`. Chạy `portal explain` để xem mọi mã."
        print(message, file=sys.stderr)
        return EXIT_USAGE
    print(explain(rule.code))
    return EXIT_OK


# -- output formats ------------------------------------------------------------------------


def document_count(site: Site) -> int:
    """Markdown files that are documents: everything but plain pages, unreadable files included."""
    return site.files - len(site.pages)


def print_json(site: Site, out: TextIO) -> None:
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


def print_text(site: Site, out: TextIO, color: bool = False) -> None:
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
    summary = f"Đã kiểm tra {document_count(site)} văn bản và {len(site.pages)} trang: "
    if not errors and not warnings:
        summary += "không có lỗi."
    else:
        summary += f"{errors} lỗi, {warnings} cảnh báo."
        if errors:
            summary += " Xem giải thích từng mã: portal explain MÃ."
    out.write(summary + "\n")


if __name__ == "__main__":
    sys.exit(main())
