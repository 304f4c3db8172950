<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="id_ID">
  <context>
    <name>AccountPage</name>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="51" />
      <source>The password needs at least 8 characters, typed twice.</source>
      <translation>Kata sandi minimal 8 karakter dan diketik dua kali.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="55" />
      <source>Administrator account</source>
      <translation>Akun administrator</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="56" />
      <source>This account manages the desk and adds the clerks.</source>
      <translation>Akun ini mengelola aplikasi dan menambahkan petugas.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="57" />
      <source>User name</source>
      <translation>Nama pengguna</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="57" />
      <source>Full name</source>
      <translation>Nama lengkap</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="58" />
      <source>Password</source>
      <translation>Kata sandi</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="58" />
      <source>Password again</source>
      <translation>Ulangi kata sandi</translation>
    </message>
  </context>
  <context>
    <name>BackupFlow</name>
    <message>
      <location filename="../../src/regdesk/ui/backups.py" line="89" />
      <source>Making a backup…</source>
      <translation>Membuat cadangan…</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/backups.py" line="97" />
      <source>Backup saved: %1 (%2 MB)</source>
      <translation>Cadangan tersimpan: %1 (%2 MB)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/backups.py" line="105" />
      <source>The automatic backup failed; check the backup folder in Settings.</source>
      <translation>Pencadangan otomatis gagal; periksa folder cadangan di Pengaturan.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/backups.py" line="115" />
      <source>Making a backup before closing…</source>
      <translation>Membuat cadangan sebelum menutup…</translation>
    </message>
  </context>
  <context>
    <name>Buttons</name>
    <message>
      <location filename="../../src/regdesk/ui/views/dialogs.py" line="81" />
      <source>OK</source>
      <translation>OK</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/dialogs.py" line="82" />
      <source>Cancel</source>
      <translation>Batal</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/dialogs.py" line="83" />
      <source>Save</source>
      <translation>Simpan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/dialogs.py" line="84" />
      <source>Close</source>
      <translation>Tutup</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/dialogs.py" line="85" />
      <source>Yes</source>
      <translation>Ya</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/dialogs.py" line="86" />
      <source>No</source>
      <translation>Tidak</translation>
    </message>
  </context>
  <context>
    <name>CancelDialog</name>
    <message>
      <location filename="../../src/regdesk/ui/views/dialogs.py" line="58" />
      <source>Cancel registration</source>
      <translation>Batalkan pendaftaran</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/dialogs.py" line="59" />
      <source>Why is the registration of %1 cancelled?</source>
      <translation>Mengapa pendaftaran %1 dibatalkan?</translation>
    </message>
  </context>
  <context>
    <name>CardStockDialog</name>
    <message>
      <location filename="../../src/regdesk/ui/views/print_dialogs.py" line="27" />
      <source>Print member cards</source>
      <translation>Cetak kartu peserta</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/print_dialogs.py" line="30" />
      <source>A4 sheet, 10 cards per page (office printer)</source>
      <translation>Lembar A4, 10 kartu per halaman (printer kantor)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/print_dialogs.py" line="32" />
      <source>Single cards, CR80 (card printer)</source>
      <translation>Kartu satuan, CR80 (printer kartu)</translation>
    </message>
  </context>
  <context>
    <name>CheckPage</name>
    <message>
      <location filename="../../src/regdesk/ui/views/import_wizard.py" line="119" />
      <source>Check before importing</source>
      <translation>Periksa sebelum mengimpor</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/import_wizard.py" line="120" />
      <source>Nothing has been saved yet. Rows with problems are kept in the “Needs fixing” list; the others are imported.</source>
      <translation>Belum ada yang disimpan. Baris bermasalah disimpan di daftar “Perlu diperbaiki”; baris lainnya diimpor.</translation>
    </message>
  </context>
  <context>
    <name>CrashDialog</name>
    <message>
      <location filename="../../src/regdesk/ui/views/dialogs.py" line="28" />
      <source>RegDesk — unexpected error</source>
      <translation>RegDesk — kesalahan tak terduga</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/dialogs.py" line="30" />
      <source>Something went wrong. Your saved registrations are safe. Please copy this report and send it to your supervisor.</source>
      <translation>Terjadi kesalahan. Pendaftaran yang sudah disimpan tetap aman. Salin laporan ini dan kirimkan ke supervisor Anda.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/dialogs.py" line="35" />
      <source>Copy report</source>
      <translation>Salin laporan</translation>
    </message>
  </context>
  <context>
    <name>DeskApp</name>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="123" />
      <source>Save the “Needs fixing” list</source>
      <translation>Simpan daftar “Perlu diperbaiki”</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="305" />
      <location filename="../../src/regdesk/ui/app.py" line="386" />
      <source>Printing is not installed yet.</source>
      <translation>Fitur cetak belum terpasang.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="355" />
      <source>Please check the fields marked in red or confirm the warnings.</source>
      <translation>Periksa isian yang ditandai merah atau konfirmasi peringatan.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="382" />
      <source>Saved: %1 — %2 (version %3).</source>
      <translation>Tersimpan: %1 — %2 (versi %3).</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="402" />
      <source>Discard?</source>
      <translation>Buang isian?</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="403" />
      <source>The form has unsaved changes. Discard them?</source>
      <translation>Formulir memiliki perubahan yang belum disimpan. Buang perubahan itu?</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="496" />
      <source>Connected to HQ as %1.</source>
      <translation>Terhubung ke kantor pusat sebagai %1.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="509" />
      <source>The enrolment code is not valid or has expired.</source>
      <translation>Kode pendaftaran perangkat tidak sah atau sudah kedaluwarsa.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="540" />
      <source>Not connected to HQ</source>
      <translation>Belum terhubung ke kantor pusat</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="542" />
      <source>Online</source>
      <translation>Daring</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="542" />
      <source>Offline</source>
      <translation>Luring</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="544" />
      <source>Registrations are kept safely on this computer until the desk is connected to HQ (Settings).</source>
      <translation>Pendaftaran disimpan aman di komputer ini sampai perangkat terhubung ke kantor pusat (Pengaturan).</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="547" />
      <source>Waiting for sync: %1 · Needs attention: %2</source>
      <translation>Menunggu sinkron: %1 · Perlu perhatian: %2</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="550" />
      <source>Last sync: %1</source>
      <translation>Sinkron terakhir: %1</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="552" />
      <source>never</source>
      <translation>belum pernah</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="568" />
      <source>RegDesk</source>
      <translation>RegDesk</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="583" />
      <source>Quit?</source>
      <translation>Keluar?</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/app.py" line="584" />
      <source>The form has unsaved changes. Quit and lose them?</source>
      <translation>Formulir memiliki perubahan yang belum disimpan. Keluar dan buang perubahan itu?</translation>
    </message>
  </context>
  <context>
    <name>DetailPane</name>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="82" />
      <source>Reference</source>
      <translation>Nomor referensi</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="83" />
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="84" />
      <source>Member number</source>
      <translation>Nomor peserta</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="95" />
      <source>Version</source>
      <translation>Versi</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="98" />
      <source>Cancel reason</source>
      <translation>Alasan pembatalan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="117" />
      <source>This NIK is already registered in village %1 since %2. Check the NIK with the worker's KTP.</source>
      <translation>NIK ini sudah terdaftar di desa %1 sejak %2. Periksa NIK dengan KTP peserta.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="123" />
      <source>HQ did not accept this record (%1).</source>
      <translation>Kantor pusat tidak menerima data ini (%1).</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="161" />
      <source>Details</source>
      <translation>Rincian</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="162" />
      <source>History</source>
      <translation>Riwayat</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="163" />
      <source>Edit</source>
      <translation>Ubah</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="164" />
      <source>Cancel registration…</source>
      <translation>Batalkan pendaftaran…</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="165" />
      <source>Print receipt</source>
      <translation>Cetak tanda bukti</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="166" />
      <source>Select a registration to see it here.</source>
      <translation>Pilih pendaftaran untuk melihat rinciannya di sini.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="105" />
      <source>HQ says</source>
      <translation>Alasan dari kantor pusat</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="134" />
      <source>Versions</source>
      <translation>Versi</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="137" />
      <source>Version %1</source>
      <translation>Versi %1</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/detail.py" line="134" />
      <source>Audit trail</source>
      <translation>Jejak audit</translation>
    </message>
  </context>
  <context>
    <name>EngineSync</name>
    <message>
      <location filename="../../src/regdesk/ui/engine_sync.py" line="122" />
      <source>HQ cannot be reached; your data is safe and will be sent later.</source>
      <translation>Kantor pusat tidak dapat dihubungi; data aman dan akan dikirim nanti.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/engine_sync.py" line="124" />
      <source>HQ has a problem; we will try again later.</source>
      <translation>Kantor pusat sedang bermasalah; akan dicoba lagi nanti.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/engine_sync.py" line="125" />
      <source>HQ is busy; we will try again later.</source>
      <translation>Kantor pusat sedang sibuk; akan dicoba lagi nanti.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/engine_sync.py" line="126" />
      <source>HQ's answer could not be read; we will try again.</source>
      <translation>Jawaban kantor pusat tidak terbaca; akan dicoba lagi.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/engine_sync.py" line="127" />
      <source>HQ refused this desk. An administrator must enrol it again in Settings.</source>
      <translation>Kantor pusat menolak perangkat ini. Administrator harus mendaftarkannya ulang di Pengaturan.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/engine_sync.py" line="129" />
      <source>HQ refused the request; please contact the administrator.</source>
      <translation>Kantor pusat menolak permintaan ini; hubungi administrator.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/engine_sync.py" line="130" />
      <source>This desk is not connected to HQ yet (Settings).</source>
      <translation>Perangkat ini belum terhubung ke kantor pusat (Pengaturan).</translation>
    </message>
  </context>
  <context>
    <name>FilePage</name>
    <message>
      <location filename="../../src/regdesk/ui/views/import_wizard.py" line="64" />
      <source>File (.xlsx or .csv)</source>
      <translation>Berkas (.xlsx atau .csv)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/import_wizard.py" line="65" />
      <source>Sheet</source>
      <translation>Lembar kerja</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/import_wizard.py" line="67" />
      <source>Choose the list to import</source>
      <translation>Pilih daftar yang akan diimpor</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/import_wizard.py" line="68" />
      <source>An Excel (.xlsx) or CSV file with one person per row.</source>
      <translation>Berkas Excel (.xlsx) atau CSV dengan satu orang per baris.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/import_wizard.py" line="69" />
      <source>Browse…</source>
      <translation>Telusuri…</translation>
    </message>
  </context>
  <context>
    <name>FirstRunWizard</name>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="170" />
      <source>RegDesk — first start</source>
      <translation>RegDesk — mulai pertama kali</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="171" />
      <source>&lt; Back</source>
      <translation>&lt; Kembali</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="172" />
      <source>Next &gt;</source>
      <translation>Lanjut &gt;</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="173" />
      <source>Finish</source>
      <translation>Selesai</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="174" />
      <source>Cancel</source>
      <translation>Batal</translation>
    </message>
  </context>
  <context>
    <name>Funding</name>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="20" />
      <source>Self-paid</source>
      <translation>Mandiri</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="21" />
      <source>APBD Kabupaten</source>
      <translation>APBD Kabupaten</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="22" />
      <source>APBDes / ADD</source>
      <translation>APBDes / ADD</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="23" />
      <source>Dana Desa</source>
      <translation>Dana Desa</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="24" />
      <source>CSR (company)</source>
      <translation>CSR (perusahaan)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="25" />
      <source>Other sponsor</source>
      <translation>Penyandang dana lain</translation>
    </message>
  </context>
  <context>
    <name>Gender</name>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="30" />
      <source>Male</source>
      <translation>Laki-laki</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="31" />
      <source>Female</source>
      <translation>Perempuan</translation>
    </message>
  </context>
  <context>
    <name>HqPage</name>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="127" />
      <source>Connect to HQ (optional)</source>
      <translation>Hubungkan ke kantor pusat (opsional)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="128" />
      <source>You can skip this and do it later in Settings.</source>
      <translation>Langkah ini boleh dilewati dan dilakukan nanti di Pengaturan.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="129" />
      <source>HQ address</source>
      <translation>Alamat kantor pusat</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="130" />
      <source>Enrolment code</source>
      <translation>Kode pendaftaran perangkat</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="131" />
      <source>Enrol this desk</source>
      <translation>Daftarkan perangkat ini</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="132" />
      <source>Available once synchronisation is installed.</source>
      <translation>Tersedia setelah sinkronisasi terpasang.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="133" />
      <source>With an address and a code the desk connects when you press Finish. Registrations are kept safely on this computer until it is connected.</source>
      <translation>Dengan alamat dan kode, perangkat terhubung saat Anda menekan Selesai. Pendaftaran disimpan aman di komputer ini sampai terhubung.</translation>
    </message>
  </context>
  <context>
    <name>ImportFlow</name>
    <message>
      <location filename="../../src/regdesk/ui/import_flow.py" line="65" />
      <source>Ready</source>
      <translation>Siap diimpor</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/import_flow.py" line="65" />
      <source>Imported</source>
      <translation>Diimpor</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/import_flow.py" line="66" />
      <source>Needs fixing</source>
      <translation>Perlu diperbaiki</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/import_flow.py" line="66" />
      <source>Duplicate row (skipped)</source>
      <translation>Baris ganda (dilewati)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/import_flow.py" line="67" />
      <source>Already registered (skipped)</source>
      <translation>Sudah terdaftar (dilewati)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/import_flow.py" line="74" />
      <source>The file could not be read or written: %1</source>
      <translation>Berkas tidak dapat dibaca atau ditulis: %1</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/import_flow.py" line="133" />
      <source>Choose an existing file.</source>
      <translation>Pilih berkas yang ada.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/import_flow.py" line="136" />
      <source>Only .xlsx and .csv files can be imported.</source>
      <translation>Hanya berkas .xlsx dan .csv yang dapat diimpor.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/import_flow.py" line="171" />
      <source>Not recognised: %1</source>
      <translation>Tidak dikenali: %1</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/import_flow.py" line="211" />
      <source>%1 rows read: %2 can be imported (%3 with warnings).</source>
      <translation>%1 baris dibaca: %2 dapat diimpor (%3 dengan peringatan).</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/import_flow.py" line="214" />
      <source>%1 rows read: %2 imported (%3 with warnings).</source>
      <translation>%1 baris dibaca: %2 diimpor (%3 dengan peringatan).</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/import_flow.py" line="218" />
      <source>%1 need fixing, %2 already registered, %3 duplicate rows.</source>
      <translation>%1 perlu diperbaiki, %2 sudah terdaftar, %3 baris ganda.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/import_flow.py" line="222" />
      <source>This same file was imported before; nothing is added twice.</source>
      <translation>Berkas yang sama sudah pernah diimpor; tidak ada yang ditambahkan dua kali.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/import_flow.py" line="225" />
      <source>The rows that need fixing are kept in the “Needs fixing” list.</source>
      <translation>Baris yang perlu diperbaiki disimpan di daftar “Perlu diperbaiki”.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/import_flow.py" line="246" />
      <source>Report saved: %1</source>
      <translation>Laporan tersimpan: %1</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/import_flow.py" line="272" />
      <source>%1 row(s) need fixing; list saved: %2</source>
      <translation>%1 baris perlu diperbaiki; daftar tersimpan: %2</translation>
    </message>
  </context>
  <context>
    <name>ImportWizard</name>
    <message>
      <location filename="../../src/regdesk/ui/views/import_wizard.py" line="155" />
      <source>Import a list (Excel/CSV)</source>
      <translation>Impor daftar (Excel/CSV)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/import_wizard.py" line="166" />
      <source>Next &gt;</source>
      <translation>Lanjut &gt;</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/import_wizard.py" line="167" />
      <source>&lt; Back</source>
      <translation>&lt; Kembali</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/import_wizard.py" line="168" />
      <source>Import</source>
      <translation>Impor</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/import_wizard.py" line="169" />
      <source>Close</source>
      <translation>Tutup</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/import_wizard.py" line="170" />
      <source>Cancel</source>
      <translation>Batal</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/import_wizard.py" line="181" />
      <source>Choose the list</source>
      <translation>Pilih daftar</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/import_wizard.py" line="182" />
      <source>Lists (*.xlsx *.xlsm *.csv *.txt)</source>
      <translation>Daftar (*.xlsx *.xlsm *.csv *.txt)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/import_wizard.py" line="191" />
      <source>Save the problem report</source>
      <translation>Simpan laporan masalah</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/import_wizard.py" line="231" />
      <source>(not used)</source>
      <translation>(tidak dipakai)</translation>
    </message>
  </context>
  <context>
    <name>LoginPage</name>
    <message>
      <location filename="../../src/regdesk/ui/views/login.py" line="90" />
      <source>RegDesk — sign in</source>
      <translation>RegDesk — masuk</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/login.py" line="91" />
      <source>The desk was locked. Your unsaved work is kept; sign in to continue, or sign in as another clerk.</source>
      <translation>Aplikasi terkunci. Isian yang belum disimpan tetap ada; masuk untuk melanjutkan, atau masuk sebagai petugas lain.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/login.py" line="94" />
      <source>User name</source>
      <translation>Nama pengguna</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/login.py" line="95" />
      <source>Password</source>
      <translation>Kata sandi</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/login.py" line="96" />
      <source>Sign in</source>
      <translation>Masuk</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="245" />
      <source>Needs attention (%1)</source>
      <translation>Perlu perhatian (%1)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="271" />
      <source>RegDesk — BPJS Ketenagakerjaan registration</source>
      <translation>RegDesk — pendaftaran BPJS Ketenagakerjaan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="272" />
      <source>Opening the database…</source>
      <translation>Membuka basis data…</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="273" />
      <source>New registration (Ctrl+N)</source>
      <translation>Pendaftaran baru (Ctrl+N)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="275" />
      <source>Search: name, NIK, mobile number, member number or reference (Ctrl+F)</source>
      <translation>Cari: nama, NIK, nomor HP, nomor peserta atau nomor referensi (Ctrl+F)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="276" />
      <location filename="../../src/regdesk/ui/views/main_window.py" line="300" />
      <source>Print receipt</source>
      <translation>Cetak tanda bukti</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="278" />
      <source>All statuses</source>
      <translation>Semua status</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="280" />
      <source>Any date</source>
      <translation>Semua tanggal</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="280" />
      <source>Today</source>
      <translation>Hari ini</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="281" />
      <source>Last 7 days</source>
      <translation>7 hari terakhir</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="281" />
      <source>Last 30 days</source>
      <translation>30 hari terakhir</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="291" />
      <source>Sync now</source>
      <translation>Sinkronkan sekarang</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="292" />
      <source>&amp;Desk</source>
      <translation>&amp;Aplikasi</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="293" />
      <source>New registration</source>
      <translation>Pendaftaran baru</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="294" />
      <source>Search</source>
      <translation>Cari</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="295" />
      <source>Settings…</source>
      <translation>Pengaturan…</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="296" />
      <source>Lock</source>
      <translation>Kunci</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="297" />
      <source>Switch user</source>
      <translation>Ganti pengguna</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="298" />
      <source>Quit</source>
      <translation>Keluar</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="299" />
      <source>&amp;Print</source>
      <translation>&amp;Cetak</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="301" />
      <source>Print cards for the selected registrations…</source>
      <translation>Cetak kartu untuk pendaftaran terpilih…</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="302" />
      <source>Print all cards ready…</source>
      <translation>Cetak semua kartu siap…</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="303" />
      <source>Village recap…</source>
      <translation>Rekap desa…</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="304" />
      <source>D&amp;ata</source>
      <translation>&amp;Data</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="305" />
      <source>Import a list (Excel/CSV)…</source>
      <translation>Impor daftar (Excel/CSV)…</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="306" />
      <source>Save the “Needs fixing” list (.xlsx)…</source>
      <translation>Simpan daftar “Perlu diperbaiki” (.xlsx)…</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="307" />
      <source>Back up now</source>
      <translation>Cadangkan sekarang</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="308" />
      <source>Export data to carry (USB)…</source>
      <translation>Ekspor data untuk dibawa (USB)…</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/main_window.py" line="309" />
      <source>Import HQ receipt…</source>
      <translation>Impor tanda terima HQ…</translation>
    </message>
  </context>
  <context>
    <name>MappingPage</name>
    <message>
      <location filename="../../src/regdesk/ui/views/import_wizard.py" line="87" />
      <source>Everyone on this list agreed to be registered (consent collected on paper)</source>
      <translation>Semua orang dalam daftar ini setuju didaftarkan (persetujuan dikumpulkan di kertas)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/import_wizard.py" line="94" />
      <source>Which field does each column hold? Recognised columns are filled in; choose the rest.</source>
      <translation>Kolom mana berisi data apa? Kolom yang dikenali sudah terisi; pilih sisanya.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/import_wizard.py" line="99" />
      <source>Preview and columns</source>
      <translation>Pratinjau dan kolom</translation>
    </message>
  </context>
  <context>
    <name>OutcomesModel</name>
    <message>
      <location filename="../../src/regdesk/ui/models/import_rows.py" line="110" />
      <source>Row</source>
      <translation>Baris</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/models/import_rows.py" line="110" />
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/models/import_rows.py" line="110" />
      <source>Problems</source>
      <translation>Masalah</translation>
    </message>
  </context>
  <context>
    <name>PrintFlow</name>
    <message>
      <location filename="../../src/regdesk/ui/printing.py" line="68" />
      <source>Preparing the PDF…</source>
      <translation>Menyiapkan PDF…</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/printing.py" line="76" />
      <source>PDF ready: %1</source>
      <translation>PDF siap: %1</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/printing.py" line="115" />
      <location filename="../../src/regdesk/ui/printing.py" line="157" />
      <source>Print member cards</source>
      <translation>Cetak kartu peserta</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/printing.py" line="116" />
      <source>Select registrations HQ has accepted (status “Synced”) first.</source>
      <translation>Pilih dulu pendaftaran yang sudah diterima kantor pusat (status “Tersinkron”).</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/printing.py" line="118" />
      <source>%1 card(s) for the selected registrations.</source>
      <translation>%1 kartu untuk pendaftaran terpilih.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/printing.py" line="124" />
      <source>Every registration HQ has accepted (not cancelled).</source>
      <translation>Semua pendaftaran yang sudah diterima kantor pusat (tidak dibatalkan).</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/printing.py" line="158" />
      <source>No registration is ready for a member card yet.</source>
      <translation>Belum ada pendaftaran yang siap dicetak kartunya.</translation>
    </message>
  </context>
  <context>
    <name>RecapDialog</name>
    <message>
      <location filename="../../src/regdesk/ui/views/print_dialogs.py" line="54" />
      <source>Village recap</source>
      <translation>Rekap desa</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/print_dialogs.py" line="55" />
      <source>Month</source>
      <translation>Bulan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/print_dialogs.py" line="60" />
      <source>Day</source>
      <translation>Hari</translation>
    </message>
  </context>
  <context>
    <name>RegistrationFormView</name>
    <message numerus="yes">
      <location filename="../../src/regdesk/ui/views/form.py" line="361" />
      <source>%1 for %n month(s)</source>
      <extracomment>Enter moves through these (derived fields are skipped; Tab still visits everything).</extracomment>
      <translation>
        <numerusform>%1 untuk %n bulan</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="364" />
      <source>%1: −%2 for this period</source>
      <translation>%1: −%2 untuk periode ini</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="368" />
      <source>none</source>
      <translation>tidak ada</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="371" />
      <source>%1, Kecamatan %2 (%3)</source>
      <translation>%1, Kecamatan %2 (%3)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="383" />
      <source>Edit registration %1</source>
      <translation>Ubah pendaftaran %1</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="384" />
      <source>New registration</source>
      <translation>Pendaftaran baru</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="398" />
      <source>Identity</source>
      <translation>Identitas</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="398" />
      <source>Address</source>
      <translation>Alamat</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="399" />
      <source>Work and contribution</source>
      <translation>Pekerjaan &amp;&amp; iuran</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="399" />
      <source>Funding</source>
      <translation>Pembiayaan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="400" />
      <location filename="../../src/regdesk/ui/views/form.py" line="416" />
      <source>Consent</source>
      <translation>Persetujuan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="404" />
      <source>NIK (16 digits)</source>
      <translation>NIK (16 digit)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="404" />
      <source>Full name</source>
      <translation>Nama lengkap</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="405" />
      <source>Birth date (DD-MM-YYYY)</source>
      <translation>Tanggal lahir (HH-BB-TTTT)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="405" />
      <source>Gender</source>
      <translation>Jenis kelamin</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="406" />
      <source>Birth place</source>
      <translation>Tempat lahir</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="406" />
      <source>Family card no.</source>
      <translation>Nomor KK</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="407" />
      <source>Village</source>
      <translation>Desa/kelurahan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="407" />
      <source>Address (street, house no.)</source>
      <translation>Alamat (jalan, nomor rumah)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="408" />
      <source>RT</source>
      <translation>RT</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="408" />
      <source>RW</source>
      <translation>RW</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="408" />
      <source>Postal code</source>
      <translation>Kode pos</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="409" />
      <source>Mobile number</source>
      <translation>Nomor HP</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="409" />
      <source>E-mail</source>
      <translation>E-mail</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="410" />
      <source>Occupation</source>
      <translation>Pekerjaan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="410" />
      <source>Monthly income (Rp)</source>
      <translation>Penghasilan per bulan (Rp)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="411" />
      <source>Old-age savings</source>
      <translation>Jaminan Hari Tua</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="411" />
      <source>Pay for</source>
      <translation>Bayar untuk</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="412" />
      <source>Contribution per month</source>
      <translation>Iuran per bulan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="413" />
      <source>Discount</source>
      <translation>Diskon</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="413" />
      <source>Amount due</source>
      <translation>Jumlah dibayar</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="414" />
      <source>Paid by</source>
      <translation>Dibayar oleh</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="414" />
      <source>Sponsor name</source>
      <translation>Nama penyandang dana</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="415" />
      <source>Budget reference</source>
      <translation>Referensi anggaran</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="416" />
      <source>Recorded by</source>
      <translation>Dicatat oleh</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="422" />
      <source>Add JHT (2% of income)</source>
      <translation>Ikut JHT (2% dari penghasilan)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="425" />
      <source>The worker has read and agrees to be registered</source>
      <translation>Peserta sudah membaca dan setuju didaftarkan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="426" />
      <source>I have checked these warnings; save anyway</source>
      <translation>Saya sudah memeriksa peringatan ini; tetap simpan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="427" />
      <source>Save (Ctrl+S)</source>
      <translation>Simpan (Ctrl+S)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="428" />
      <source>Close (Esc)</source>
      <translation>Tutup (Esc)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="431" />
      <source>e.g. 3216064508900001</source>
      <translation>mis. 3216064508900001</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="434" />
      <source>e.g. 0812 3456 7890</source>
      <translation>mis. 0812 3456 7890</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/form.py" line="437" />
      <source>type to search</source>
      <translation>ketik untuk mencari</translation>
    </message>
    <message numerus="yes">
      <location filename="../../src/regdesk/ui/views/form.py" line="458" />
      <source>%n month(s)</source>
      <translation>
        <numerusform>%n bulan</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>RegistrationsModel</name>
    <message>
      <location filename="../../src/regdesk/ui/models/registrations.py" line="132" />
      <source>Reference</source>
      <translation>Nomor referensi</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/models/registrations.py" line="132" />
      <source>Name</source>
      <translation>Nama</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/models/registrations.py" line="132" />
      <source>NIK</source>
      <translation>NIK</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/models/registrations.py" line="132" />
      <source>Mobile</source>
      <translation>Nomor HP</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/models/registrations.py" line="133" />
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/models/registrations.py" line="133" />
      <source>Registered</source>
      <translation>Tanggal daftar</translation>
    </message>
  </context>
  <context>
    <name>ResultPage</name>
    <message>
      <location filename="../../src/regdesk/ui/views/import_wizard.py" line="138" />
      <source>Import finished</source>
      <translation>Impor selesai</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/import_wizard.py" line="139" />
      <source>Save the problem report (.xlsx)…</source>
      <translation>Simpan laporan masalah (.xlsx)…</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="143" />
      <location filename="../../src/regdesk/ui/views/settings.py" line="163" />
      <source>Backup folder</source>
      <translation>Folder cadangan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="154" />
      <source>Settings</source>
      <translation>Pengaturan</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="155" />
      <source>This desk</source>
      <translation>Perangkat ini</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="156" />
      <source>HQ address</source>
      <translation>Alamat kantor pusat</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="157" />
      <source>Enrolment code</source>
      <translation>Kode pendaftaran perangkat</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="158" />
      <source>Enrol with HQ</source>
      <translation>Daftarkan ke kantor pusat</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="160" />
      <source>Available once synchronisation is installed.</source>
      <translation>Tersedia setelah sinkronisasi terpasang.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="161" />
      <source>Language</source>
      <translation>Bahasa</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="162" />
      <source>Lock after (minutes idle, 0 = never)</source>
      <translation>Kunci setelah (menit tidak aktif, 0 = tidak pernah)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="164" />
      <source>Choose…</source>
      <translation>Pilih…</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="165" />
      <source>Users</source>
      <translation>Pengguna</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="166" />
      <source>User name</source>
      <translation>Nama pengguna</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="166" />
      <source>Full name</source>
      <translation>Nama lengkap</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="167" />
      <source>Password</source>
      <translation>Kata sandi</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="167" />
      <source>Role</source>
      <translation>Peran</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="170" />
      <source>Add user</source>
      <translation>Tambah pengguna</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="174" />
      <source>Clerk</source>
      <translation>Petugas</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="174" />
      <source>Supervisor</source>
      <translation>Supervisor</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/settings.py" line="175" />
      <source>Administrator</source>
      <translation>Administrator</translation>
    </message>
  </context>
  <context>
    <name>Status</name>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="10" />
      <source>Draft</source>
      <translation>Draf</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="11" />
      <source>Waiting for sync</source>
      <translation>Menunggu sinkron</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="12" />
      <source>Synced</source>
      <translation>Tersinkron</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="13" />
      <source>Needs attention</source>
      <translation>Perlu perhatian</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/labels.py" line="14" />
      <source>Cancelled</source>
      <translation>Dibatalkan</translation>
    </message>
  </context>
  <context>
    <name>TransferFlow</name>
    <message>
      <location filename="../../src/regdesk/ui/transfer_flow.py" line="36" />
      <source>RegDesk transfer (*.regdesk)</source>
      <translation>Kiriman RegDesk (*.regdesk)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/transfer_flow.py" line="41" />
      <source>HQ receipt (*.regdesk-receipt *.*)</source>
      <translation>Tanda terima HQ (*.regdesk-receipt *.*)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/transfer_flow.py" line="46" />
      <source>This desk is not connected to HQ yet (Settings → Enrol with HQ).</source>
      <translation>Perangkat ini belum terdaftar di kantor pusat (Pengaturan → Daftarkan ke kantor pusat).</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/transfer_flow.py" line="48" />
      <source>This desk does not know HQ's encryption key; connect it to HQ again in Settings.</source>
      <translation>Kunci enkripsi kantor pusat belum diketahui perangkat ini; daftarkan ulang di Pengaturan.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/transfer_flow.py" line="50" />
      <source>The device token is missing; connect the desk to HQ again in Settings.</source>
      <translation>Token perangkat tidak ditemukan; daftarkan ulang ke kantor pusat di Pengaturan.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/transfer_flow.py" line="52" />
      <source>This receipt is for another desk; nothing was applied.</source>
      <translation>Tanda terima ini untuk perangkat lain; tidak ada yang diterapkan.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/transfer_flow.py" line="53" />
      <source>The receipt was refused: it is damaged or was changed; nothing was applied.</source>
      <translation>Tanda terima ditolak: rusak atau diubah; tidak ada yang diterapkan.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/transfer_flow.py" line="59" />
      <source>Transfer by USB</source>
      <translation>Kirim lewat flashdisk</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/transfer_flow.py" line="71" />
      <source>The file could not be written or read: %1</source>
      <translation>Berkas tidak dapat ditulis atau dibaca: %1</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/transfer_flow.py" line="81" />
      <source>Export data to carry (USB)</source>
      <translation>Ekspor data untuk dibawa (USB)</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/transfer_flow.py" line="88" />
      <source>Nothing is waiting to be sent; no file was written.</source>
      <translation>Tidak ada data yang menunggu dikirim; berkas tidak dibuat.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/transfer_flow.py" line="90" />
      <source>%1 registration(s) written to %2. Take this file to an office connected to HQ.</source>
      <translation>%1 pendaftaran ditulis ke %2. Bawa berkas ini ke kantor yang terhubung ke kantor pusat.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/transfer_flow.py" line="101" />
      <source>Import HQ receipt</source>
      <translation>Impor tanda terima HQ</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/transfer_flow.py" line="109" />
      <source>Applied %1 answer(s): %2 accepted, %3 need attention; %4 still waiting.</source>
      <translation>Diterapkan %1 jawaban: %2 diterima, %3 perlu perhatian; %4 masih menunggu.</translation>
    </message>
  </context>
  <context>
    <name>VillagePage</name>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="100" />
      <source>Office village</source>
      <translation>Desa kantor</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="101" />
      <source>New registrations use this village, its kecamatan and postal code.</source>
      <translation>Pendaftaran baru memakai desa ini, kecamatan dan kode posnya.</translation>
    </message>
    <message>
      <location filename="../../src/regdesk/ui/views/wizard.py" line="103" />
      <source>Type part of the village name:</source>
      <translation>Ketik sebagian nama desa:</translation>
    </message>
  </context>
</TS>