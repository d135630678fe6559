# sitmap: see README.md. Paths and flags live in config.mk.
include config.mk

# A sanitizer build lives in its own directory and makes its own binary:
# make SAN=1 (ASan + UBSan: build/san, ./sitmap-asan, the unit tests of
# make check) or make SAN=thread (ThreadSanitizer: build/tsan, ./sitmap-tsan).
ifeq ($(SAN),1)
B          = build/san
BIN        = sitmap-asan
OPT        = -O1 -g -fno-omit-frame-pointer
SANFLAGS   = -fsanitize=address,undefined -fno-sanitize-recover=undefined
else ifeq ($(SAN),thread)
B          = build/tsan
BIN        = sitmap-tsan
OPT        = -O1 -g
SANFLAGS   = -fsanitize=thread
else
B          = build
BIN        = sitmap
SANFLAGS   =
endif

CORE_CFLAGS != $(PKG_CONFIG) --cflags $(CORE_PKGS) 2>/dev/null
CORE_LIBS   != $(PKG_CONFIG) --libs $(CORE_PKGS) 2>/dev/null
# prj.c opens libproj with dlopen(): the binary links no PROJ at all
PROJ_SONAME != objdump -p "$$($(PKG_CONFIG) --variable=libdir proj 2>/dev/null)/libproj.so" \
	2>/dev/null | awk '/SONAME/ { print $$2 }'
CPPFLAGS   += $(if $(PROJ_SONAME),-DSITMAP_PROJ_SONAME='"$(PROJ_SONAME)"')
# libproj is C++ and throws (and catches) exceptions inside, even on a plain
# proj-string. A sanitizer runtime intercepts __cxa_throw and looks up the
# real one when the program starts; a C program has no C++ runtime then, so
# once libproj is dlopen()ed its first throw lands in an interceptor with
# nothing to call, and the run aborts ("CHECK failed ... real___cxa_throw").
# (gcc's shared libubsan happens to load libstdc++; ASan alone, the static
# libubsan below, or clang's runtimes do not.) So the sanitizer builds, and
# only they, link the C++ runtime libproj itself needs (its NEEDED entry,
# e.g. libstdc++.so.6: no -dev package wanted), kept although unused.
ifneq ($(SANFLAGS),)
PROJ_CXXRT != objdump -p "$$($(PKG_CONFIG) --variable=libdir proj 2>/dev/null)/libproj.so" \
	2>/dev/null | awk '/NEEDED/ && /lib(std)?c\+\+/ { print $$2; exit }'
SAN_LIBS   = -Wl,--push-state,--no-as-needed -l:$(or $(PROJ_CXXRT),libstdc++.so.6) \
	-Wl,--pop-state
endif
# gcc's shared libubsan beside libasan ignores UBSAN_OPTIONS (log_path
# included) and reports on stderr only, which make test cannot read from
# the viewer's tmux pane; linked statically, it honours them.
ifeq ($(SAN),1)
CC_IS_GCC  != $(CC) -v 2>&1 | grep -q '^gcc version' && echo 1
ifeq ($(CC_IS_GCC),1)
SAN_LIBS  += -static-libubsan
endif
endif
UI_CFLAGS   != $(PKG_CONFIG) --cflags $(UI_PKGS) 2>/dev/null
UI_LIBS     != $(PKG_CONFIG) --libs $(UI_PKGS) 2>/dev/null

ALL_CFLAGS = $(CPPFLAGS) $(CFLAGS) $(SANFLAGS) $(CORE_CFLAGS)
SRCS       = $(wildcard src/*.c)
CORE_SRCS  = $(filter-out src/main.c src/ui.c,$(SRCS))
CORE_OBJS  = $(CORE_SRCS:src/%.c=$(B)/%.o)
UNIT_SRCS  = $(wildcard tests/unit/test_*.c)
UNIT_BINS  = $(UNIT_SRCS:tests/unit/%.c=$(B)/%)
FUZZ_SRCS  = $(wildcard tests/fuzz/fuzz_*.c)
REPLAY_BINS = $(FUZZ_SRCS:tests/fuzz/fuzz_%.c=$(B)/replay_%)
TOOL_SRCS  = $(wildcard tests/tools/*.c) tests/bench/bench.c
TOOL_BINS  = $(patsubst %.c,$(B)/tool_%,$(notdir $(TOOL_SRCS)))

.PHONY: all run test check deps clean install uninstall maps fuzz bench unit readme completions \
	check-valgrind check-tsan
.SUFFIXES:

all: $(BIN)

$(BIN): $(B)/main.o $(B)/ui.o $(B)/libsitmap.a
	$(CC) $(CFLAGS) $(SANFLAGS) $(LDFLAGS) -o $@ $(B)/main.o $(B)/ui.o \
		$(B)/libsitmap.a $(filter-out -lproj,$(CORE_LIBS)) $(UI_LIBS) -lm -ldl $(SAN_LIBS)

# From a plain make, the sanitizer binaries are built by a make of their own
# flags; that make knows whether they are up to date.
ifneq ($(SAN),1)
.PHONY: sitmap-asan
sitmap-asan:
	@$(MAKE) --no-print-directory SAN=1 sitmap-asan
endif
ifneq ($(SAN),thread)
.PHONY: sitmap-tsan
sitmap-tsan:
	@$(MAKE) --no-print-directory SAN=thread sitmap-tsan
endif

$(B)/libsitmap.a: $(CORE_OBJS)
	rm -f $@
	ar rcs $@ $(CORE_OBJS)

$(B)/ui.o: src/ui.c
	@mkdir -p $(B)
	$(CC) $(ALL_CFLAGS) $(UI_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/%.o: src/%.c
	@mkdir -p $(B)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(B)/test_%: tests/unit/test_%.c $(B)/libsitmap.a
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(B)/libsitmap.a $(CORE_LIBS) -lcmocka -lm -ldl

$(B)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(B)/libsitmap.a
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< tests/fuzz/replay.c $(B)/libsitmap.a \
		$(CORE_LIBS) -lm -ldl

$(B)/tool_%: tests/tools/%.c $(B)/libsitmap.a
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(B)/libsitmap.a $(CORE_LIBS) -lm -ldl

$(B)/tool_bench: tests/bench/bench.c $(B)/libsitmap.a
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(B)/libsitmap.a $(CORE_LIBS) -lm -ldl

unit: $(UNIT_BINS) $(REPLAY_BINS) $(TOOL_BINS)

deps:
	@sh .ci/deps.sh

# deps may install pkg-config files, so the build runs in a fresh make.
run: deps
	@$(MAKE) --no-print-directory all
	./sitmap

test: deps
	@$(MAKE) --no-print-directory check

check: all unit
	@$(MAKE) --no-print-directory SAN=1 unit sitmap-asan
	@$(MAKE) --no-print-directory SAN=thread sitmap-tsan
	@tests/run.sh

# The threaded loading under ThreadSanitizer alone (make check runs it too).
check-tsan: unit
	@$(MAKE) --no-print-directory SAN=thread sitmap-tsan
	@tests/run.sh tsan

check-valgrind: all
	valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--error-exitcode=1 ./sitmap --dump >/dev/null

# libFuzzer with clang; FUZZ_SECONDS per target. libshp and PROJ stay uninstrumented.
# FUZZ_TARGETS="csv shp" picks some of them.
FUZZ_SECONDS = 60
FUZZ_TARGETS = $(FUZZ_SRCS:tests/fuzz/fuzz_%.c=%)
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
fuzz:
	@mkdir -p build/fuzz
	for t in $(FUZZ_TARGETS); do \
		f=tests/fuzz/fuzz_$$t.c; \
		clang $(CPPFLAGS) -std=c11 -pthread $(FUZZ_FLAGS) -Isrc -o build/fuzz/fuzz_$$t $$f \
			$(CORE_SRCS) $(CORE_LIBS) -lm -ldl || exit 1; \
		mkdir -p build/fuzz/corpus_$$t tests/fuzz/crashers/$$t; \
		build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			-artifact_prefix=tests/fuzz/crashers/$$t/ build/fuzz/corpus_$$t \
			tests/fuzz/corpus/$$t || exit 1; \
	done

bench: all unit
	tests/bench/run.sh

readme: all
	tests/tools/readme.sh --update

maps:
	tests/tools/make-maps.sh maps

# The shell completions, made from --help so that they list every option.
COMPDIR    = build/completions
COMPLETIONS = $(COMPDIR)/sitmap $(COMPDIR)/_sitmap
completions: $(COMPLETIONS)
$(COMPLETIONS) &: sitmap build-aux/completions.sh
	build-aux/completions.sh ./sitmap $(COMPDIR)

# install records what it wrote in $(DATADIR)/install-manifest; uninstall
# removes exactly that, and the directories install created if empty.
INSTALL_ENV = BIN=sitmap COMPDIR=$(COMPDIR) DESTDIR="$(DESTDIR)" BINDIR="$(BINDIR)" \
	MANDIR="$(MANDIR)" DATADIR="$(DATADIR)" DOCDIR="$(DOCDIR)" \
	BASHCOMPDIR="$(BASHCOMPDIR)" ZSHCOMPDIR="$(ZSHCOMPDIR)"
install: all completions
	$(INSTALL_ENV) build-aux/install.sh install

uninstall:
	$(INSTALL_ENV) build-aux/install.sh uninstall

clean:
	rm -rf build sitmap sitmap-asan sitmap-tsan

-include $(wildcard $(B)/*.d)
