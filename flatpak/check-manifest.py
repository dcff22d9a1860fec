#!/usr/bin/env python3
"""Offline checks of the Flatpak manifest: flatpak-builder cannot run here (its runtime
cannot be downloaded), so this catches what would break it, or make it unsafe, before it is
tried: a supported GNOME runtime, every downloaded source pinned (a git source by its commit,
an archive or file by its SHA-256), finish-args that grant no more than the app needs.
It also reads the app's meson.build files (not the tests'): every library the build links
that the GNOME runtime does not provide must be built by a module before the app.
Usage: check-manifest.py vn.parscore.Parscore.json [SOURCE-ROOT]
Then it checks itself: a copy of the manifest with one pin taken away, one linked library's
module taken away, or an end-of-life runtime, must fail (TAP, one line per case)."""
import copy
import json
import os
import re
import sys

REQUIRED_FINISH_ARGS = {'--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri'}
FORBIDDEN_FINISH_ARGS = {'--filesystem=host', '--filesystem=home', '--share=network',
                         '--socket=session-bus', '--socket=system-bus'}
# GNOME runtimes get a year of support: two releases are supported at a time. As of
# December 2026 those are 50 (March 2026) and 51 (September 2026); 48 went end of life on
# 24 March 2026, 49 goes with 52's release. Raise this when a runtime goes end of life.
OLDEST_SUPPORTED_RUNTIME = 50
COMMIT = re.compile(r'^[0-9a-f]{40}$')
SHA256 = re.compile(r'^[0-9a-f]{64}$')
SHA512 = re.compile(r'^[0-9a-f]{128}$')
# What org.gnome.Platform provides, by pkg-config name: these need no module.
RUNTIME_PROVIDES = {'glib-2.0', 'gobject-2.0', 'gio-2.0', 'gmodule-no-export-2.0', 'libxml-2.0',
                    'sqlite3', 'cairo', 'pangocairo', 'gtk4', 'libadwaita-1', 'zlib',
                    # the C library's own parts (dlopen, threads, maths)
                    'dl', 'threads', 'm'}
# The module that builds each other library the app links, by pkg-config name.
MODULE_FOR = {'libqpdf': 'qpdf', 'xlsxwriter': 'libxlsxwriter', 'libzip': 'libzip',
              'poppler-glib': 'poppler'}
DEPENDENCY = re.compile(r"""\bdependency\s*\(\s*'([^']+)'""")


def linked_libraries(root):
    """The pkg-config names the app's build asks for: dependency() in meson.build and under
    src/ (the tests' own dependencies are not shipped)."""
    files = [os.path.join(root, 'meson.build')]
    for folder, _, names in os.walk(os.path.join(root, 'src')):
        files += [os.path.join(folder, n) for n in names if n == 'meson.build']
    found = set()
    for path in files:
        with open(path, encoding='utf-8') as f:
            for line in f:
                code = line.split('#', 1)[0]
                found.update(DEPENDENCY.findall(code))
    return found


def source_problems(module, source):
    name = module.get('name')
    kind = source.get('type')
    if kind == 'git':
        # A tag or branch can be moved; only a commit pins what is built.
        if not COMMIT.match(source.get('commit') or ''):
            return ['git source of %s is not pinned to a commit (40 hex digits)' % name]
    elif kind in ('archive', 'file'):
        if not (SHA256.match(source.get('sha256') or '') or SHA512.match(source.get('sha512') or '')):
            return ['%s source of %s has no SHA-256 checksum' % (kind, name)]
        url = source.get('url')
        if url is not None and not url.startswith('https://'):
            return ['%s source of %s is not fetched over https: %s' % (kind, name, url)]
        if url is None and source.get('path') is None:
            return ['%s source of %s has neither url nor path' % (kind, name)]
    elif kind == 'dir':
        # Only the app's own tree may be taken as it is.
        if name != 'parscore':
            return ['module %s takes a local folder: only parscore itself may' % name]
    elif kind != 'patch':
        return ['module %s has an unknown source type %r' % (name, kind)]
    return []


def problems(manifest, linked):
    """Everything wrong with the manifest, as sentences; @linked: the libraries the app links."""
    found = []
    if manifest.get('id') != 'vn.parscore.Parscore':
        found.append('id must be vn.parscore.Parscore, not %r' % manifest.get('id'))
    for key in ('runtime', 'runtime-version', 'sdk', 'command', 'modules', 'finish-args'):
        if key not in manifest:
            return found + ['the manifest has no %r' % key]
    if manifest['runtime'] != 'org.gnome.Platform' or manifest['sdk'] != 'org.gnome.Sdk':
        found.append('the app needs the GNOME runtime and SDK')
    try:
        version = int(manifest['runtime-version'])
    except (TypeError, ValueError):
        version = 0
    if version < OLDEST_SUPPORTED_RUNTIME:
        found.append('runtime-version %r is end of life: use GNOME %d or newer'
                     % (manifest['runtime-version'], OLDEST_SUPPORTED_RUNTIME))
    if manifest['command'] != 'parscore':
        found.append('command must be parscore')

    args = manifest['finish-args']
    if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
        return found + ['finish-args must be a list of strings']
    missing = REQUIRED_FINISH_ARGS - set(args)
    if missing:
        found.append('finish-args lack %s' % ', '.join(sorted(missing)))
    forbidden = FORBIDDEN_FINISH_ARGS & set(args)
    if forbidden:
        found.append('finish-args grant too much: %s' % ', '.join(sorted(forbidden)))

    modules = manifest['modules']
    names = []
    for module in modules:
        if not isinstance(module, dict) or 'name' not in module:
            return found + ['every module needs a name']
        if 'buildsystem' not in module:
            found.append('module %s has no buildsystem' % module['name'])
        sources = module.get('sources')
        if not sources:
            found.append('module %s has no sources' % module['name'])
        for source in sources or []:
            found += source_problems(module, source)
        names.append(module['name'])

    # The libraries the GNOME runtime lacks must be built before the app.
    for library in sorted(linked - RUNTIME_PROVIDES):
        module = MODULE_FOR.get(library)
        if module is None:
            found.append('the app links %s: name the module that builds it in MODULE_FOR, or '
                         'add it to RUNTIME_PROVIDES if the GNOME runtime has it' % library)
        elif module not in names[:-1]:
            found.append('module %s is missing (the app links %s)' % (module, library))
    if not names or names[-1] != 'parscore':
        return found + ['the last module must be parscore (it links the others)']
    app = modules[-1]
    if app.get('buildsystem') != 'meson':
        found.append('parscore builds with meson')
    if '-Dui_tests=false' not in app.get('config-opts', []):
        found.append('the Flatpak build must not register the UI tests (no display in the builder)')
    return found


def broken_copies(manifest, linked):
    """(what was broken, a copy of the manifest broken so) — each must fail the check."""
    for library in sorted(linked - RUNTIME_PROVIDES):
        module = MODULE_FOR.get(library)
        broken = copy.deepcopy(manifest)
        broken['modules'] = [m for m in broken['modules'] if m.get('name') != module]
        yield ('a manifest without the module %s (the app links %s)' % (module, library), broken)
    for i, module in enumerate(manifest['modules']):
        for k, source in enumerate(module.get('sources', [])):
            kind = source.get('type')
            for key in {'git': ('commit',), 'archive': ('sha256', 'sha512'),
                        'file': ('sha256', 'sha512')}.get(kind, ()):
                if key in source:
                    broken = copy.deepcopy(manifest)
                    del broken['modules'][i]['sources'][k][key]
                    if kind == 'git':
                        broken['modules'][i]['sources'][k].setdefault('tag', 'v1.0')
                    yield ('%s without its %s' % (module['name'], key), broken)
            if kind in ('archive', 'file'):
                broken = copy.deepcopy(manifest)
                broken['modules'][i]['sources'][k] = {'type': 'git', 'url': source.get('url'),
                                                      'tag': 'v1.0'}
                yield ('%s as a git tag without a commit' % module['name'], broken)
    broken = copy.deepcopy(manifest)
    broken['runtime-version'] = '43'
    yield ('the GNOME 43 runtime (end of life)', broken)


def main(path, root):
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print('1..1\nnot ok 1 %s is not valid JSON: %s' % (path, e))
        return 1

    linked = linked_libraries(root)
    cases = list(broken_copies(manifest, linked))
    print('1..%d' % (1 + len(cases)))
    found = problems(manifest, linked)
    failed = bool(found)
    if found:
        print('not ok 1 %s' % path)
        for problem in found:
            print('# ' + problem)
    else:
        print('ok 1 %s — %d modules, every source pinned, runtime %s, %d finish-args, '
              'every linked library built or in the runtime (%s)'
              % (path, len(manifest['modules']), manifest['runtime-version'],
                 len(manifest['finish-args']), ', '.join(sorted(linked - RUNTIME_PROVIDES))))
    for n, (what, broken) in enumerate(cases, 2):
        caught = problems(broken, linked)
        print('%s %d the check refuses %s%s' % ('ok' if caught else 'not ok', n, what,
                                                ': ' + caught[0] if caught else ''))
        failed = failed or not caught
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2
                  else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
