// DWARF access through elfutils' libdwfl, in-process: address -> function, file:line, and the
// member layout of a struct (eth_dev_ops slots are read from here, never from a list).
#include <dwarf.h>
#include <elfutils/libdwfl.h>
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include "vdev.h"

namespace vdev {
namespace {
char* debuginfo_path = nullptr;

// libdwfl would mmap each module file whole wherever the kernel likes. A second mapping of
// vdev.node BELOW its load segments makes eu-stack (sampling a hung inferior) take that mapping
// for the module and name none of its frames. So we map the file ourselves, read-only-shared in
// spirit (private, never written), asking for an address above the module's own segments.
int FindElfAbove(Dwfl_Module* mod, void** userdata, const char* modname, Dwarf_Addr base,
                 char** file_name, Elf** elfp) {
  int fd = dwfl_linux_proc_find_elf(mod, userdata, modname, base, file_name, elfp);
  if (fd < 0 || *elfp != nullptr) return fd;
  struct stat st;
  Dwarf_Addr end = 0;
  dwfl_module_info(mod, nullptr, nullptr, &end, nullptr, nullptr, nullptr, nullptr);
  if (fstat(fd, &st) == 0 && st.st_size > 0) {
    void* hint = reinterpret_cast<void*>((end + (1ULL << 30)) & ~((1ULL << 21) - 1));
    void* img = mmap(hint, st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (img != MAP_FAILED) {
      if (reinterpret_cast<uintptr_t>(img) > end) {
        *elfp = elf_memory(static_cast<char*>(img), st.st_size);
        if (*elfp != nullptr) return fd;
      }
      munmap(img, st.st_size);
    }
  }
  *elfp = elf_begin(fd, ELF_C_READ, nullptr);  // no suitable address: read, map nothing
  return fd;
}

const Dwfl_Callbacks callbacks = {FindElfAbove, dwfl_standard_find_debuginfo, nullptr, &debuginfo_path};
Dwfl* dwfl = nullptr;

Dwfl* Begin() {
  Dwfl* d = dwfl_begin(&callbacks);
  dwfl_linux_proc_report(d, getpid());
  dwfl_report_end(d, nullptr, nullptr);
  return d;
}

// The warm-up (WarmDebugInfo): one thread, at idle priority, loads what the first probe's chain
// needs while rte_eal_init sleeps 100 ms calibrating the TSC. The session is the warm-up's until
// it is done; the first use waits for it (raising its priority so a busy machine cannot starve
// it). The modules rte_eal_init mapped meanwhile (an EAL plugin loaded with -d) are reported once
// it returns (WarmAfterInit), by the same thread while the EAL's process tells the shell it is
// up, not at the first probe (reading /proc/self/maps again, ~0.3 ms); a first use before that
// (a --vdev device probed inside rte_eal_init) reports them itself.
std::mutex warm_mu;
std::condition_variable warm_cv;
bool warming = false, warmed = false, reporting = false, init_ended = false;
pid_t warm_tid = 0;

void ReportMapped(Dwfl* d) {
  dwfl_report_begin_add(d);
  dwfl_linux_proc_report(d, getpid());
  dwfl_report_end(d, nullptr, nullptr);
}

// The addon's FUNC/OBJECT symbols by name, in symbol-table order (as LookupSymbols walks it):
// finding one by name walks the whole table otherwise, ~0.3 ms a name (an optimized build's first
// probe names two callees of call sites). Made by the warm-up; read once the session is handed over.
Dwfl_Module* indexed_module = nullptr;
std::unordered_map<std::string, std::vector<NamedSymbol>> by_name;

void IndexNames(Dwfl_Module* m) {
  int n = dwfl_module_getsymtab(m);
  for (int i = 0; i < n; i++) {
    GElf_Sym sym;
    GElf_Addr addr;
    const char* name = dwfl_module_getsym_info(m, i, &sym, &addr, nullptr, nullptr, nullptr);
    int type = GELF_ST_TYPE(sym.st_info);
    if (name && sym.st_value != 0 && (type == STT_FUNC || type == STT_OBJECT)) by_name[name].push_back({addr, sym.st_size, type == STT_FUNC});
  }
  indexed_module = m;
}

void* Warm(void* arg) {
  std::unique_ptr<std::vector<uintptr_t>> pcs(static_cast<std::vector<uintptr_t>*>(arg));
  {
    std::lock_guard<std::mutex> lk(warm_mu);
    warm_tid = static_cast<pid_t>(syscall(SYS_gettid));
  }
  struct sched_param sp = {0};
  sched_setscheduler(0, SCHED_IDLE, &sp);
  Dwfl* d = Begin();
  for (uintptr_t pc : *pcs) {
    Dwfl_Module* m = dwfl_addrmodule(d, pc);
    if (m == nullptr) continue;
    GElf_Off off = 0;
    GElf_Sym sym;
    dwfl_module_addrinfo(m, pc, &off, &sym, nullptr, nullptr, nullptr);  // the sorted symbol table
    dwfl_module_getsrc(m, pc);                                           // the CU's line table
    Dwarf_Addr bias = 0;
    Dwarf_Die* cu = dwfl_module_addrdie(m, pc, &bias);                   // every CU's address ranges
    Dwarf_Die* scopes = nullptr;
    // The scopes down to pc, as a frame's variables are looked up: the CU's top-level DIEs and
    // the function's are read (a whole C++ CU would be far more than the first probe needs).
    if (cu != nullptr && dwarf_getscopes(cu, pc - bias, &scopes) > 0) free(scopes);
  }
  Dwfl_Module* own = dwfl_addrmodule(d, reinterpret_cast<Dwarf_Addr>(&IndexNames));
  if (own != nullptr) IndexNames(own);
  std::unique_lock<std::mutex> lk(warm_mu);
  dwfl = d;
  warming = false;
  warmed = true;
  warm_cv.notify_all();
  warm_cv.wait(lk, [] { return init_ended || !warmed; });
  if (!warmed) return nullptr;  // the session was needed first and reported them itself
  warmed = false;
  reporting = true;
  lk.unlock();
  // Quick and awaited soon: not at idle priority.
  sched_setscheduler(0, SCHED_OTHER, &sp);
  ReportMapped(d);
  lk.lock();
  reporting = false;
  warm_cv.notify_all();
  return nullptr;
}

Dwfl* Session() {
  {
    std::unique_lock<std::mutex> lk(warm_mu);
    if (warming && warm_tid != 0) {
      struct sched_param sp = {0};
      sched_setscheduler(warm_tid, SCHED_OTHER, &sp);
    }
    warm_cv.wait(lk, [] { return !warming && !reporting; });
    if (warmed) {
      warmed = false;
      ReportMapped(dwfl);
      warm_cv.notify_all();  // the warm-up thread need not wait for rte_eal_init's end any more
    }
  }
  if (dwfl == nullptr) dwfl = Begin();
  return dwfl;
}


// Symbolize the given addresses exactly as given (the caller subtracts 1 from return addresses).
Napi::Value Symbolize(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Array in = info[0].As<Napi::Array>();
  Napi::Array out = Napi::Array::New(env, in.Length());
  Dwfl* d = Session();
  for (uint32_t i = 0; i < in.Length(); i++) {
    Dwarf_Addr addr = U64(in.Get(i));
    Napi::Object o = Napi::Object::New(env);
    o.Set("addr", Napi::BigInt::New(env, static_cast<uint64_t>(addr)));
    Dwfl_Module* m = dwfl_addrmodule(d, addr);
    if (m != nullptr) {
      const char* modname = dwfl_module_info(m, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
      if (modname) o.Set("module", modname);
      GElf_Off off = 0;
      GElf_Sym sym;
      const char* fn = dwfl_module_addrinfo(m, addr, &off, &sym, nullptr, nullptr, nullptr);
      if (fn) {
        o.Set("fn", fn);
        o.Set("offset", static_cast<double>(off));
      }
      Dwfl_Line* line = dwfl_module_getsrc(m, addr);
      if (line != nullptr) {
        int lineno = 0, col = 0;
        const char* src = dwfl_lineinfo(line, nullptr, &lineno, &col, nullptr, nullptr);
        if (src) {
          o.Set("file", src);
          o.Set("line", lineno);
        }
      }
    }
    out.Set(i, o);
  }
  return out;
}

// Address of a named function or object in the module that holds this addon.
Dwfl_Module* OwnModule() {
  return dwfl_addrmodule(Session(), reinterpret_cast<Dwarf_Addr>(&Session));
}

Napi::Value LookupSymbol(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string want = info[0].As<Napi::String>();
  Dwfl_Module* m = OwnModule();
  if (m == nullptr) return env.Null();
  int n = dwfl_module_getsymtab(m);
  for (int i = 0; i < n; i++) {
    GElf_Sym sym;
    GElf_Addr addr;
    const char* name = dwfl_module_getsym_info(m, i, &sym, &addr, nullptr, nullptr, nullptr);
    if (name && want == name && sym.st_value != 0 &&
        (GELF_ST_TYPE(sym.st_info) == STT_FUNC || GELF_ST_TYPE(sym.st_info) == STT_OBJECT))
      return Napi::BigInt::New(env, static_cast<uint64_t>(addr));
  }
  return env.Null();
}

std::string TypeName(Dwarf_Die* die) {
  Dwarf_Attribute attr;
  Dwarf_Die type;
  if (dwarf_attr_integrate(die, DW_AT_type, &attr) == nullptr || dwarf_formref_die(&attr, &type) == nullptr)
    return "";
  const char* n = dwarf_diename(&type);
  if (n) return n;
  if (dwarf_tag(&type) == DW_TAG_pointer_type) return TypeName(&type) + " *";
  return "";
}

// Members of the first complete `struct NAME` in this addon's DWARF: [{name, offset, type}].
Napi::Value StructLayout(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string want = info[0].As<Napi::String>();
  Dwfl_Module* m = OwnModule();
  Dwarf_Addr bias;
  Dwarf* dw = m ? dwfl_module_getdwarf(m, &bias) : nullptr;
  if (dw == nullptr) return env.Null();
  Dwarf_Off off = 0, next;
  size_t hsize;
  while (dwarf_nextcu(dw, off, &next, &hsize, nullptr, nullptr, nullptr) == 0) {
    Dwarf_Die cu, die;
    if (dwarf_offdie(dw, off + hsize, &cu) != nullptr && dwarf_child(&cu, &die) == 0) {
      do {
        if (dwarf_tag(&die) != DW_TAG_structure_type || dwarf_hasattr(&die, DW_AT_declaration)) continue;
        const char* n = dwarf_diename(&die);
        if (n == nullptr || want != n) continue;
        Napi::Array members = Napi::Array::New(env);
        Dwarf_Die mem;
        uint32_t k = 0;
        if (dwarf_child(&die, &mem) == 0) {
          do {
            if (dwarf_tag(&mem) != DW_TAG_member) continue;
            Dwarf_Attribute attr;
            Dwarf_Word loc = 0;
            if (dwarf_attr(&mem, DW_AT_data_member_location, &attr)) dwarf_formudata(&attr, &loc);
            Napi::Object o = Napi::Object::New(env);
            const char* mn = dwarf_diename(&mem);
            o.Set("name", mn ? mn : "");
            o.Set("offset", static_cast<double>(loc));
            o.Set("type", TypeName(&mem));
            members.Set(k++, o);
          } while (dwarf_siblingof(&mem, &mem) == 0);
        }
        Napi::Object res = Napi::Object::New(env);
        Dwarf_Word size = 0;
        Dwarf_Attribute sattr;
        if (dwarf_attr(&die, DW_AT_byte_size, &sattr)) dwarf_formudata(&sattr, &size);
        res.Set("size", static_cast<double>(size));
        res.Set("cu", dwarf_diename(&cu) ? dwarf_diename(&cu) : "");
        res.Set("members", members);
        return res;
      } while (dwarf_siblingof(&die, &die) == 0);
    }
    off = next;
  }
  return env.Null();
}
}  // namespace

Dwfl* SharedDwfl() { return Session(); }

const std::vector<NamedSymbol>* IndexedSymbols(Dwfl_Module* m, const std::string& name) {
  static const std::vector<NamedSymbol> none;
  if (m == nullptr) return &none;
  // No index of the warm-up's for this module (none ran, or it reported another): made now, once.
  if (m != indexed_module) {
    by_name.clear();
    IndexNames(m);
  }
  auto it = by_name.find(name);
  return it == by_name.end() ? &none : &it->second;
}

void WarmDebugInfo(std::vector<uintptr_t> pcs) {
  std::lock_guard<std::mutex> lk(warm_mu);
  if (warming || warmed || dwfl != nullptr) return;
  auto* arg = new std::vector<uintptr_t>(std::move(pcs));
  pthread_t t;
  // Detached: a process that exits meanwhile (a failed rte_eal_init) must not wait for it.
  if (pthread_create(&t, nullptr, Warm, arg) != 0) {
    delete arg;
    return;
  }
  pthread_detach(t);
  warming = true;
}

void WarmAfterInit() {
  std::lock_guard<std::mutex> lk(warm_mu);
  init_ended = true;
  warm_cv.notify_all();
}

void InitSymbols(Napi::Env env, Napi::Object exports) {
  exports.Set("symbolize", Napi::Function::New(env, Symbolize));
  exports.Set("lookupSymbol", Napi::Function::New(env, LookupSymbol));
  exports.Set("structLayout", Napi::Function::New(env, StructLayout));
}

}  // namespace vdev
